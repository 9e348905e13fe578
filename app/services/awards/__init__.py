"""Awards: the award types and regimes (catalogue), awards and decisions, nominations and the
council's vote, people's yearly facts, the eligibility rules, and the year's summary."""
