# How the portal writes dates in English: day first and the month in full ("6 December 2016"),
# as the reports do; magportal.dates builds ranges from these.
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
WEEKDAY_DAY_FORMAT = "l j F"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
