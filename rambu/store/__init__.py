"""Persistence and business logic of the web application.

Services are plain functions taking a SQLAlchemy session and the acting user
(`Actor`); the web layer (`rambu.web`) only parses requests and renders.
"""
