"""Users in the admin: the Secretariat manages MAG members; only superusers manage staff and permissions.

A Secretariat user (staff, not superuser, with the add/change/view user permissions the role
gives) sees and edits only accounts that are neither staff nor superuser. On those it may set
the name, e-mail, active flag and password, and put the account in or out of "MAG members".
Staff, superuser status, other groups and permissions are not in its forms, so nothing it
posts can grant them, and a staff account (its own included) cannot be opened, so its password
cannot be changed from here.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, User
from django.db import transaction

from meetings.roles import MAG_MEMBERS


class MagMemberFieldMixin(forms.ModelForm):
    """Adds "MAG member": the one group the Secretariat may give or take away."""

    mag_member = forms.BooleanField(
        label="MAG member",
        required=False,
        help_text="MAG members sign in to the site and see draft meetings; they cannot use the admin.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["mag_member"].initial = self.instance.groups.filter(name=MAG_MEMBERS).exists()

    def _save_m2m(self):
        super()._save_m2m()
        group = Group.objects.get(name=MAG_MEMBERS)
        if self.cleaned_data["mag_member"]:
            self.instance.groups.add(group)
        else:
            self.instance.groups.remove(group)


class MagMemberChangeForm(MagMemberFieldMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        fields = ("username", "password", "first_name", "last_name", "email", "is_active")


class MagMemberCreationForm(MagMemberFieldMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        fields = ("username",)


class PortalUserAdmin(UserAdmin):
    """Django's user admin for superusers; for the Secretariat, MAG members only."""

    member_fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("is_active", "mag_member")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    member_add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2", "mag_member"),
            },
        ),
    )

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        return users.filter(is_staff=False, is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.member_add_fieldsets if obj is None else self.member_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("last_login", "date_joined")

    def get_form(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            kwargs["form"] = MagMemberCreationForm if obj is None else MagMemberChangeForm
        return super().get_form(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser and (obj.is_staff or obj.is_superuser):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Removing an account is a superuser's decision; the Secretariat deactivates it.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if not request.user.is_superuser:
                # Whatever was posted, an account the Secretariat saves is no staff and no superuser.
                obj.is_staff = obj.is_superuser = False
            super().save_model(request, obj, form, change)


admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
