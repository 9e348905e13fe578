"""Signing in and out, one's own account and tokens, and the administration of users."""
