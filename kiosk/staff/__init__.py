"""Staff members and their PINs (assisted mode): pure Python, no Qt."""
