"""The one way every form renders: our field and form templates, for our own
forms, allauth's and any `{{ form }}`, `{{ form.as_div }}` or
`{{ field.as_field_group }}` in a template.

Django 5.2 already links help text and errors to the input
(`aria-describedby`, `aria-invalid`); the templates add our markup (labels
without a colon, "(optional)", a `<fieldset>` with a `<legend>` for radio and
checkbox groups, the error summary the JavaScript focuses).
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class ATSBoundField(BoundField):
    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        # A label is a name, not the first half of a sentence: "Title", never
        # "Title:". A form or field that asks for a suffix still gets it.
        if label_suffix is None and self.field.label_suffix is None:
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix=label_suffix, tag=tag)


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = ATSBoundField
