"""Every string exists in Simplified Chinese, the compiled catalogue matches its source, and the
admin speaks the user's language."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_string_has_its_chinese():
    blocks = PO.read_text(encoding="utf-8").split("\n\n")[1:]
    untranslated = [
        block
        for block in blocks
        if re.search(r'^msgstr(\[0\])? ""\s*$', block, re.M) and not re.search(r'^msgstr(\[0\])? ""\n"', block, re.M)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in "\n\n".join(blocks)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_the_committed_catalogue_is_compiled_from_the_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), "run `make messages` and commit django.mo"


@pytest.mark.django_db
def test_admin_follows_the_users_language(client, world):
    world.owner.language = "zh-hans"
    world.owner.save()
    client.force_login(world.owner)
    page = client.get(reverse("admin:projects_investmentproject_changelist")).content.decode()
    assert "招商项目" in page
    assert "线索" in page  # the stage filter


@pytest.mark.django_db
def test_switching_language_is_remembered_on_the_user(client, world):
    client.force_login(world.owner)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/admin/"})
    world.owner.refresh_from_db()
    assert world.owner.language == "zh-hans"
    assert "招商项目" in client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_browser_language_counts_when_the_user_has_none(client, world):
    client.force_login(world.owner)
    page = client.get(reverse("admin:index"), headers={"accept-language": "zh-CN,zh;q=0.9"}).content.decode()
    assert "招商项目" in page
