"""The lesson "Inside the network": its session logic and views."""
