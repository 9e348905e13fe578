"""What a page can fail with; `error_pages.py` turns each into a friendly page or a redirect."""


class LoginRequired(Exception):
    """No session, or the API no longer accepts it (expired, revoked): go to the login page."""


class CsrfRejected(Exception):
    """A state-changing request without the right anti-forgery token."""


class PageForbidden(Exception):
    """The user's role does not open this page."""


class PageNotFound(Exception):
    """Nothing here, or nothing the user's scope can see."""
