"""Renderers: turn a Report into text, JSON, … They never compute judgements."""
