"""`make run`: the web server, a Celery worker and Celery beat together; Ctrl-C stops all three."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.people import demo_password


class Command(BaseCommand):
    help = "Run the development web server with a real Celery worker and beat (stops them all on Ctrl-C)."

    def handle(self, *args, **options):
        port = os.environ.get("PORT", "8000")
        python = sys.executable
        commands = {
            "web": [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            "worker": [python, "-m", "celery", "-A", "cluster_crm", "worker", "--loglevel", "INFO",
                       "--concurrency", "2", "--hostname", "worker@%h"],
            "beat": [python, "-m", "celery", "-A", "cluster_crm", "beat", "--loglevel", "INFO"],
        }  # fmt: skip
        processes = {name: subprocess.Popen(command, start_new_session=True) for name, command in commands.items()}
        password, _is_new = demo_password()
        broker = settings.CELERY_BROKER_URL.split("@")[-1]
        self.stdout.write(
            self.style.SUCCESS(f"\nCluster CRM is running at http://127.0.0.1:{port}/admin/\n")
            + f"  log in as admin (superuser), wang.lei (manager), li.na (staff) or gao.jian (leadership)\n"
            f"  password: {password}\n"
            f"  Celery worker and beat on {broker}; database {settings.DATABASES['default']['ENGINE'].split('.')[-1]}"
            f"\n  Ctrl-C stops everything.\n"
        )
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        exit_code = 0
        try:
            while True:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(f"{name} stopped (exit code {process.returncode}); stopping the others.")
                        exit_code = process.returncode or 1
                        raise KeyboardInterrupt
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(processes)
        if exit_code:
            sys.exit(exit_code)

    def _stop(self, processes):
        # SIGTERM to each main process: Celery's warm shutdown finishes the task at hand.
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 15
        for process in processes.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.stdout.write("Stopped web server, worker and beat.")
