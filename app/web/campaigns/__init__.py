"""Emulation campaigns: the list and forms, a campaign's page and its sections."""
