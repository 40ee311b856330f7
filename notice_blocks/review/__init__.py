"""Review reminders: notices due for review on the dashboard, in a report and by email."""
