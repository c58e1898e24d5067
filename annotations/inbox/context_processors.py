from django.utils.functional import SimpleLazyObject

from . import selectors


def inbox(request):
    """Offer the header the user's inbox count, counted only if a template asks for it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_count": SimpleLazyObject(lambda: selectors.inbox_count(user=user))}
