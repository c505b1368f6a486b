from celery import shared_task

from spreadsheets.jobs import job_run


@shared_task(name="spreadsheets.tasks.run_import", acks_late=True)
def run_import(job_id: int) -> str:
    return job_run(job_id).status


@shared_task(name="spreadsheets.tasks.run_export", acks_late=True)
def run_export(job_id: int) -> str:
    from spreadsheets.jobs import export_job_run

    return export_job_run(job_id).status
