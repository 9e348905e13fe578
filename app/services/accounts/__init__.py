"""Accounts: users, API tokens and sessions, and signing in (auth)."""
