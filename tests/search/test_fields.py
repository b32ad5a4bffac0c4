"""One declaration of the indexed fields (search.fields): the engine's mapping, the documents
built from the pages and the database backend's columns all follow it, so adding a facet
is one entry there (plus the migration of its column)."""

import pytest

from search.backends.database.schema import FACETS, ROW_COLUMNS, SOURCE_FIELDS
from search.backends.engine.mapping import index_body
from search.documents import case_study_document, centre_document
from search.fields import COUNTED_FACETS, FACET_FIELDS, FIELDS, HIT_FIELDS, FieldType
from search.models import FallbackDocument, facet_columns

DECLARED = [field.name for field in FIELDS]


def test_the_engine_mapping_has_exactly_the_declared_fields_with_their_types():
    properties = index_body([])["mappings"]["properties"]
    assert list(properties) == DECLARED
    for field in FIELDS:
        mapped = properties[field.name]["type"]
        assert mapped == field.type.value, field.name
        assert ("term_vector" in properties[field.name]) == field.highlighted, field.name
        assert properties[field.name].get("index", True) == field.searchable, field.name


@pytest.mark.django_db
def test_built_documents_have_exactly_the_declared_fields(centre, case_study):
    case_study.save_revision().publish()
    centre.refresh_from_db()
    assert sorted(case_study_document(case_study, centre)) == sorted(DECLARED)
    assert sorted(centre_document(centre)) == sorted(DECLARED)


def test_the_database_has_a_column_for_every_field_a_hit_carries():
    columns = {field.name for field in FallbackDocument._meta.get_fields()}
    assert set(HIT_FIELDS) <= columns
    assert set(ROW_COLUMNS) <= columns
    assert SOURCE_FIELDS == HIT_FIELDS
    assert FACETS == COUNTED_FACETS
    # The facet columns are the generated ones, one per counted facet, of a matching type.
    for name, generated in facet_columns().items():
        column = FallbackDocument._meta.get_field(name)
        assert column.deconstruct()[1:] == generated.deconstruct()[1:], name
    assert set(facet_columns()) == set(COUNTED_FACETS)


def test_facets_are_keywords_or_numbers_and_kind_is_filtered_but_not_counted():
    assert FACET_FIELDS[0] == "kind" and "kind" not in COUNTED_FACETS
    assert all(field.type in (FieldType.KEYWORD, FieldType.INTEGER) for field in FIELDS if field.facet)
