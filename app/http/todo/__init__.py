"""What needs doing (待办): the page a user lands on after login, and the same list in the API."""
