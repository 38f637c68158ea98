"""The API of a workflow, generated from its transition table.

POST /api/v1/<type>/<id>/<action>/    one step, its body read by the step's form
GET  /api/v1/<type>/<id>/transitions/ the record's transition log
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action as drf_action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lvzhi.core.api.serializers import form_data, form_serializer


def transition_serializer(workflow):
    """A serializer of the workflow's log rows (every column but the record's key)."""
    model = workflow.log_model
    names = [f.name for f in model._meta.concrete_fields if f.name != workflow.log_field]

    def get_actor_name(self, obj) -> str:
        return (obj.actor.get_full_name() or obj.actor.username) if obj.actor else ""

    meta = type("Meta", (), {"model": model, "fields": [*names, "actor_name"]})
    return type(
        f"{model.__name__}Serializer",
        (serializers.ModelSerializer,),
        {
            "Meta": meta,
            "actor_name": serializers.SerializerMethodField(),
            "get_actor_name": get_actor_name,
            # Plain strings: the values of the record's state (one enum in the schema).
            "from_state": serializers.CharField(read_only=True),
            "to_state": serializers.CharField(read_only=True),
        },
    )


def workflow_actions(workflow, record_serializer) -> dict:
    """The viewset methods of a workflow: a step endpoint per offered transition with a form,
    and the transition log."""
    log_serializer = transition_serializer(workflow)
    related = workflow.log_model._meta.get_field(workflow.log_field).remote_field.name

    @extend_schema(responses=log_serializer(many=True))
    @drf_action(
        detail=True,
        methods=["get"],
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        filter_backends=[],
    )
    def transitions(self, request, pk=None):
        """Every step of the record's path: who, when, from which state to which."""
        rows = getattr(self.get_object(), related).select_related(*workflow.log_related)
        return Response(log_serializer(rows, many=True).data)

    def make_step(action, transition):
        def step(self, request, pk=None):
            record = self.get_object()
            form = workflow.form(
                action, request.user, record, form_data(request), request.FILES or None
            )
            if not form.is_valid():
                errors = form.errors.get_json_data()
                raise ValidationError({k: [e["message"] for e in v] for k, v in errors.items()})
            workflow.run(action, actor=request.user, record=record, **form.service_kwargs())
            record = self.get_queryset().filter(pk=record.pk).first()
            if record is None:
                # The step took the record out of the actor's sight (a unit returning a
                # problem is no longer assigned to it): done, nothing more to show.
                return Response(status=204)
            return Response(record_serializer(record, context=self.get_serializer_context()).data)

        step.__name__ = f"step_{action}"
        step.__doc__ = f"Workflow step: {workflow.actions(action).label}."
        # extend_schema outside @action: @action replaces the function's kwargs, where the
        # schema annotation lives, so applied inside it the step's body was never documented.
        return extend_schema(request=form_serializer(transition.form), responses=record_serializer)(
            drf_action(
                detail=True,
                methods=["post"],
                url_path=action.replace("_", "-"),
                url_name=f"step-{action.replace('_', '-')}",
                permission_classes=[IsAuthenticated],
            )(step)
        )

    methods = {"transitions": transitions}
    for action, transition in workflow.transitions.items():
        if transition.offered and transition.form is not None:
            methods[f"step_{action}"] = make_step(action, transition)
    return methods
