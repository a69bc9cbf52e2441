"""File formats: data in, file out (and back). No Qt widgets and no database here."""
