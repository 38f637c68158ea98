"""API serializers: model validation runs through the same services as the forms."""

from rest_framework import serializers

from lvzhi.core import forms, models, permissions
from lvzhi.core.visibility import is_committee_owned


class RecordSerializer(serializers.ModelSerializer):
    """Related choices limited to what the user sees; `version` for optimistic locking."""

    url = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        required=False,
        help_text="The version your change starts from; a newer stored version gives 409.",
    )

    #: the right a new record is filed with: ADD (the office) or REPORT (a member's own)
    add_right = permissions.ADD

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()

    def build_standard_field(self, field_name, model_field):
        # A model field may name its own API field (e.g. a money field that reads "1.8亿").
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        custom = getattr(model_field, "serializer_field", None)
        if custom is not None:
            field_class, field_kwargs = custom(field_class, field_kwargs)
        return field_class, field_kwargs

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for name, field in fields.items():
            target = getattr(field, "child_relation", field)
            queryset = getattr(target, "queryset", None)
            if queryset is None or user is None:
                continue
            if name == "committee" and is_committee_owned(self.Meta.model):
                allowed = permissions.addable_committees(user, self.Meta.model, self.add_right)
                current = getattr(self.instance, "committee_id", None)
                if current:
                    allowed = allowed | models.Committee.objects.filter(pk=current)
                target.queryset = allowed.distinct()
            elif is_committee_owned(queryset.model):
                target.queryset = queryset.model.objects.visible_to(user)
        return fields


def serializer_for(model_class, field_names, extra=None):
    meta = type(
        "Meta", (), {"model": model_class, "fields": ["id", "url", "version", *field_names]}
    )
    return type(
        f"{model_class.__name__}Serializer", (RecordSerializer,), {"Meta": meta, **(extra or {})}
    )


# The API offers the fields the forms offer: one list per model, kept on the form.
CommitteeSerializer = serializer_for(models.Committee, forms.CommitteeForm.Meta.fields)
SectorSerializer = serializer_for(models.Sector, forms.SectorForm.Meta.fields)
IndustrySerializer = serializer_for(models.Industry, forms.IndustryForm.Meta.fields)
PersonSerializer = serializer_for(models.Person, forms.PersonForm.Meta.fields)
DepartmentSerializer = serializer_for(models.Department, forms.DepartmentForm.Meta.fields)
ParkSerializer = serializer_for(models.Park, forms.ParkForm.Meta.fields)
VillageSerializer = serializer_for(models.Village, forms.VillageForm.Meta.fields)
EnterpriseSerializer = serializer_for(models.Enterprise, forms.EnterpriseForm.Meta.fields)


class MemberSerializer(RecordSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = models.Member
        fields = [
            "id",
            "url",
            "version",
            "committee",
            "person",
            "person_name",
            "sector",
            "term",
            "member_no",
            "position",
            "is_active",
            "published",
        ]
