from projects.admin import project, records

__all__ = ["project", "records"]
