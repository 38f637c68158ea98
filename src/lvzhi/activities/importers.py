"""Excel in: a meeting's attendance list (all-or-nothing, row-by-row report)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.activities import services
from lvzhi.activities.choices import Attendance, ParticipationRole
from lvzhi.activities.models import Participation
from lvzhi.core import permissions
from lvzhi.core.committees import system_committee_ids
from lvzhi.core.importers import Column, Importer, RowInvalid
from lvzhi.core.models import Member


class AttendanceImporter(Importer):
    """One row per member: 姓名 (+ 委员编号 or 所属政协 when names repeat), 出席情况, 角色.

    A member already on the roll gets the attendance set; a member not yet on it is added.
    """

    kind = "attendance"
    label = gettext_lazy("attendance")
    model = Participation
    columns = [
        Column("姓名", "name", required=True),
        Column("委员编号", "member_no"),
        Column("所属政协", "committee_name"),
        Column("出席情况", "attendance", required=True, kind="choice", choices=Attendance),
        Column("角色", "role", kind="choice", choices=ParticipationRole),
        Column("备注", "note"),
    ]

    #: The words offices write in these columns (whatever the interface language).
    WORDS = {
        "attendance": {
            "出席": Attendance.ATTENDED,
            "参加": Attendance.ATTENDED,
            "到会": Attendance.ATTENDED,
            "√": Attendance.ATTENDED,
            "请假": Attendance.EXCUSED,
            "缺席": Attendance.ABSENT,
            "未到": Attendance.ABSENT,
            "邀请": Attendance.INVITED,
            "应到": Attendance.INVITED,
        },
        "role": {
            "牵头": ParticipationRole.LEAD,
            "参加": ParticipationRole.PARTICIPANT,
            "发言": ParticipationRole.SPEAKER,
        },
    }

    def value(self, col, raw):
        words = self.WORDS.get(col.field)
        text = self.normalise(str(raw)) if isinstance(raw, str) else ""
        if words and text in words:
            return words[text]
        return super().value(col, raw)

    def __init__(self, actor, activity, **options):
        super().__init__(actor, **options)
        self.activity = activity
        allowed = system_committee_ids(activity.committee)
        members = (
            Member.objects.visible_to(actor)
            .filter(committee_id__in=allowed)
            .select_related("person", "committee")
        )
        self.by_name = {}
        for m in members:
            self.by_name.setdefault(self.normalise(m.person.name), []).append(m)
        self.listed = {p.member_id: p for p in activity.participations.all()}

    def find_member(self, values):
        candidates = self.by_name.get(values["name"], [])
        if values.get("member_no"):
            candidates = [m for m in candidates if m.member_no == values["member_no"]]
        if values.get("committee_name"):
            name = values["committee_name"]
            candidates = [
                m
                for m in candidates
                if name in (self.normalise(m.committee.name), self.normalise(m.committee.label))
            ]
        if len(candidates) > 1:
            listed = [m for m in candidates if m.pk in self.listed]
            candidates = listed if len(listed) == 1 else candidates
        if not candidates:
            raise RowInvalid(
                _("no member “%(name)s” in this committee system") % {"name": values["name"]}
            )
        if len(candidates) > 1:
            raise RowInvalid(
                _("“%(name)s” is ambiguous: add 委员编号 or 所属政协") % {"name": values["name"]}
            )
        return candidates[0]

    def build(self, values):
        if "name" not in values or "attendance" not in values:
            return None  # the row's column errors say why
        member = self.find_member(values)
        row = self.listed.get(member.pk) or Participation(activity=self.activity, member=member)
        row.attendance = values["attendance"]
        if values.get("role"):
            row.role = values["role"]
        if values.get("note"):
            row.note = values["note"]
        row.follow_activity()
        if row._state.adding:
            try:
                row.full_clean(exclude=["committee"])
            except ValidationError:
                raise
        return row

    def unique_key(self, built):
        return built.member_id

    def check_committee(self, instance):
        if not permissions.can_change(self.actor, self.activity):
            raise RowInvalid(_("you may not change this activity"))

    def save(self, built):
        services.child_save(actor=self.actor, instance=built)
