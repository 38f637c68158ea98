"""Bank matches and support records follow the record they belong to (committee and
publication), so who may file them is decided by the parent's committee."""

from lvzhi.core.services import record_delete, record_save


def child_save(*, actor, instance, m2m=None, expected_version=None, fields=None):
    follow = getattr(instance, "follow_need", None) or instance.follow_pairing
    follow()
    return record_save(
        actor=actor, instance=instance, m2m=m2m, expected_version=expected_version, fields=fields
    )


def child_delete(*, actor, instance):
    record_delete(actor=actor, instance=instance)
