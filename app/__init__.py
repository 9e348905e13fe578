"""thidua: the emulation-and-commendation year of civil judgment enforcement offices."""
