# No models. This module exists so that Django sends post_migrate for the portal app, which
# creates the rate-limit cache table (portal/apps.py).
