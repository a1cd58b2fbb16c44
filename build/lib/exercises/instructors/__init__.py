"""Exports of the question banks for instructors' learning platforms (GIFT, ILIAS)."""
