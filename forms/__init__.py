"""Qt Designer forms (.ui), shipped as package data and loaded at run time."""
