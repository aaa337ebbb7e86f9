"""The figures' background task, run by the task worker (`manage.py task_worker`)."""

from django_tasks import task


@task()
def figures_cities_task(cities: list[int], names: list[str]) -> int:
    """A city agency's rows, summed from its counties' after a write changed them (decision 0048)."""
    from sqjz.figures.services import figures_cities_refresh  # the service queues this task

    return figures_cities_refresh(cities, names)
