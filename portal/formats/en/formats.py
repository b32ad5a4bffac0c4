# The admin writes dates day first in both languages (WAGTAIL_DATE_FORMAT "%d/%m/%Y"); Django's
# own English formats read "15/03/2026" month first and refuse it, so an English-speaking
# editor could not save a case study with a follow-up. Only the input formats change here.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
