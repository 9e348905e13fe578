"""Campaigns: the emulation campaigns (campaigns), their criteria, legal-basis documents, and
the units' participation (registrations, exemplars, reviews)."""
