"""The Qt user interface: widgets, Qt models over service rows, dialogs."""
