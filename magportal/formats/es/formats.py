# How the portal writes dates in Spanish ("30 de agosto de 2016", "martes 6 de diciembre");
# magportal.dates builds ranges from these.
DATE_FORMAT = r"j \d\e F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
WEEKDAY_DAY_FORMAT = r"l j \d\e F"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
