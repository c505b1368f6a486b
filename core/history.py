def history_user(request=None, **kwargs):
    """Who made a change, for the change history: a person, never a partner's API key (the
    partner platform is not a user of the park)."""
    from django.contrib.auth.base_user import AbstractBaseUser

    user = getattr(request, "user", None)
    return user if isinstance(user, AbstractBaseUser) else None
