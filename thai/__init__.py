"""Thai language knowledge, shared by every app: normalising and segmenting text, Buddhist-era
years and dates, and the names of local government (LAO types, their abbreviations, place-name
prefixes). It sits at the bottom of the import graph and imports no app of the portal."""
