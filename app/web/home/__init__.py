"""The home board: what needs doing now, for the signed-in user's unit."""
