"""Which profile fields belong to which centre type, and the weekdays of `opening_days`;
shared by the page model (models.profiles) and the admin form (forms), so neither imports the other."""

WEEKDAYS = [
    ("1", "จันทร์", "Mon"),
    ("2", "อังคาร", "Tue"),
    ("3", "พุธ", "Wed"),
    ("4", "พฤหัสบดี", "Thu"),
    ("5", "ศุกร์", "Fri"),
    ("6", "เสาร์", "Sat"),
    ("7", "อาทิตย์", "Sun"),
]

ELDERLY_FIELDS = ("older_people_served", "caregivers_trained")
CHILD_FIELDS = ("children_enrolled", "children_age_from", "children_age_to", "dla_standard_level")
