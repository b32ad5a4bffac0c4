"""The two implementations of the search contract (search.contract): a search engine
(OpenSearch or Elasticsearch) and the database. Only search.service chooses between them."""
