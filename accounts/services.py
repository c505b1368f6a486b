"""Writes about people."""


def user_language_set(*, user, language: str) -> None:
    """The language of the pages and of the e-mails a person gets, on every device."""
    user.language = language
    user.save(update_fields=["language"])
