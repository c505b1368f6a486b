from django import template

from core.money import format_cny, format_cny_with_usd

register = template.Library()

register.filter("cny", format_cny)
register.filter("cny_usd", format_cny_with_usd)
