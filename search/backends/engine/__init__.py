"""The search engine backend: client adapters (client), the index mapping (mapping), search
and suggestions (query) and related case studies (related)."""
