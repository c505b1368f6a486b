"""The demo park's staff: two desks with their managers, staff, leadership and an administrator."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import Team, User
from accounts.roles import Role


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    role: Role | None
    team: str = ""
    manager: str = ""
    language: str = "zh-hans"


CGT_DESK = "细胞与基因治疗招商组 CGT desk"
DEVICES_DESK = "医疗器械与数字健康招商组 Devices & digital health desk"

PEOPLE = [
    DemoPerson("admin", "Admin", "", None, language="en"),
    DemoPerson("wang.lei", "磊", "王", Role.MANAGER, CGT_DESK),
    DemoPerson("zhao.min", "敏", "赵", Role.MANAGER, DEVICES_DESK),
    DemoPerson("li.na", "娜", "李", Role.STAFF, CGT_DESK, "wang.lei"),
    DemoPerson("chen.hao", "浩", "陈", Role.STAFF, CGT_DESK, "wang.lei"),
    DemoPerson("sun.li", "丽", "孙", Role.STAFF, CGT_DESK, "wang.lei"),
    DemoPerson("emma.roth", "Emma", "Roth", Role.STAFF, CGT_DESK, "wang.lei", language="en"),
    DemoPerson("liu.yang", "洋", "刘", Role.STAFF, DEVICES_DESK, "zhao.min"),
    DemoPerson("huang.jing", "静", "黄", Role.STAFF, DEVICES_DESK, "zhao.min"),
    DemoPerson("zhou.tao", "涛", "周", Role.STAFF, DEVICES_DESK, "zhao.min"),
    DemoPerson("gao.jian", "建", "高", Role.LEADERSHIP),
    DemoPerson("lin.fang", "芳", "林", Role.LEADERSHIP, language="en"),
]

PASSWORD_FILE = "demo-password.txt"


def demo_password() -> tuple[str, bool]:
    """DEMO_PASSWORD, else the one generated earlier (var/), else a new one. (password, is_new)"""
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD, False
    path = settings.VAR_DIR / PASSWORD_FILE
    if path.exists():
        return path.read_text().strip(), False
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password, True


def ensure_people() -> dict[str, User]:
    password, _is_new = demo_password()
    users = {}
    for person in PEOPLE:
        team = Team.objects.get_or_create(name=person.team)[0] if person.team else None
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@waigaoqiao-park.example",
                "team": team,
                "language": person.language,
                "is_staff": True,
                "is_superuser": person.role is None,
            },
        )
        if created or settings.DEMO_PASSWORD:
            user.set_password(password)
            user.save(update_fields=["password"])
        if person.role:
            user.groups.add(Group.objects.get(name=person.role.value))
        users[person.username] = user
    for person in PEOPLE:
        if person.manager and users[person.username].manager_id is None:
            users[person.username].manager = users[person.manager]
            users[person.username].save(update_fields=["manager"])
    return users
