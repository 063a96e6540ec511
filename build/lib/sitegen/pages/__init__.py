"""Pages from the model and the chart manifest: templates, figures, and the writer of
docs/<lang>/*.md."""
