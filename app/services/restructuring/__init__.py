"""Restructurings: the events that change the unit tree (events.py) and the plans that apply
them together, previewed, audited and revertible (plans.py)."""
