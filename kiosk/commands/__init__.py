"""The handlers of the `kiosk` command, one module per command group. kiosk.cli parses the command line
and imports the one handler module a command needs (so `kiosk --help` stays quick); a handler loads the
configuration, calls the use case where it lives (kiosk.app, kiosk.sync, kiosk.store, kiosk.capture …)
and prints the outcome for people or as JSON. No business rule lives here."""
