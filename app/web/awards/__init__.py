"""Awards: history and revocation, decisions, nominations, eligibility and the annual summary."""
