"""The database backend, used when there is no engine or it does not answer: the rows it
searches and their sync (sync), the query plan and its SQL per dialect (query, sqlite,
postgres), highlighting (highlight), suggestions (suggest) and related case studies
(related). It answers the same contract as the engine (search.contract)."""
