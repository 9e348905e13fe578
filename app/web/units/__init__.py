"""The unit tree, a unit's page, and the people of the units."""
