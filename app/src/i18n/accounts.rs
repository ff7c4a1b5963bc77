//! The strings of the first start's setup, the staff and technician accounts screen and
//! the password change: each key with its Chinese and English side by side.

use super::Lang;
use crate::domain::AccountError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S {
    SetupTitle,
    SetupIntro,
    SetupCode,
    SetupCodeHint,
    StoreName,
    DeskPhone,
    Timezone,
    LabourRate,
    FirstManager,
    Username,
    DisplayName,
    Password,
    PasswordRule,
    SetUp,
    AlreadySetUp,
    GoToAccounts,
    AccountsTitle,
    ManagersOnly,
    Staff,
    Technicians,
    Role,
    Bay,
    Lead,
    Active,
    Inactive,
    Deactivate,
    Reactivate,
    ResetPassword,
    SetPin,
    NewPin,
    PinSet,
    PinRule,
    TemporaryPassword,
    AddStaff,
    AddTechnician,
    Add,
    Saved,
    MustChange,
    ChangePasswordTitle,
    CurrentPassword,
    NewPassword,
    ChangePassword,
    NoAccounts,
    HasPin,
    Required,
}

pub fn text(lang: Lang, key: S) -> &'static str {
    let (zh, en) = match key {
        S::SetupTitle => ("首次启动：设置门店", "First start: set up the store"),
        S::SetupIntro => (
            "门店还没有员工账号。填写门店信息并创建第一个经理账号；之后经理在“员工与技师”中添加其他人。",
            "This store has no staff accounts yet. Enter the store's details and create the first manager; the manager then adds everyone else under Staff and technicians.",
        ),
        S::SetupCode => ("设置码", "Setup code"),
        S::SetupCodeHint => (
            "服务器启动时打印在日志中（或由 PITWALL_SETUP_CODE 设定）。",
            "Printed in the server's log at start (or set with PITWALL_SETUP_CODE).",
        ),
        S::StoreName => ("门店名称", "Store name"),
        S::DeskPhone => ("服务台电话", "Service desk phone"),
        S::Timezone => ("时区（UTC 偏移）", "Time zone (UTC offset)"),
        S::LabourRate => ("工时费（元/小时）", "Labour rate (yuan per hour)"),
        S::FirstManager => ("第一个经理账号", "The first manager"),
        S::Username => ("用户名", "Username"),
        S::DisplayName => ("姓名", "Name"),
        S::Password => ("密码", "Password"),
        S::PasswordRule => (
            "至少10位，字母和数字混合（或16位以上）。",
            "At least 10 characters, letters and digits mixed (or 16 or more).",
        ),
        S::SetUp => ("完成设置", "Set up the store"),
        S::AlreadySetUp => ("门店已设置完成，请登录。", "This store is already set up: sign in."),
        S::GoToAccounts => ("去添加员工和技师", "Add staff and technicians"),
        S::AccountsTitle => ("员工与技师", "Staff and technicians"),
        S::ManagersOnly => ("只有经理可以管理账号。", "Only a manager manages accounts."),
        S::Staff => ("员工", "Staff"),
        S::Technicians => ("技师", "Technicians"),
        S::Role => ("岗位", "Role"),
        S::Bay => ("工位", "Bay"),
        S::Lead => ("班组长", "Team lead"),
        S::Active => ("在岗", "Active"),
        S::Inactive => ("已停用", "Deactivated"),
        S::Deactivate => ("停用", "Deactivate"),
        S::Reactivate => ("恢复", "Reactivate"),
        S::ResetPassword => ("重置密码", "Reset password"),
        S::SetPin => ("设置PIN", "Set PIN"),
        S::NewPin => ("新PIN", "New PIN"),
        S::PinSet => ("已设PIN", "PIN set"),
        S::PinRule => (
            "4–6位数字；不可全同或连号；同班组内不可重复。设置后不再显示。",
            "4–6 digits; not one digit repeated or a run; unique on the team. Never shown again.",
        ),
        S::TemporaryPassword => ("临时密码（首次登录需修改）", "Temporary password (changed at first sign-in)"),
        S::AddStaff => ("添加员工", "Add a staff member"),
        S::AddTechnician => ("添加技师", "Add a technician"),
        S::Add => ("添加", "Add"),
        S::Saved => ("已保存", "Saved"),
        S::MustChange => ("需改密码", "Must change password"),
        S::ChangePasswordTitle => (
            "经理重置了您的密码：请先设置新密码。",
            "A manager reset your password: choose a new one first.",
        ),
        S::CurrentPassword => ("当前密码", "Current password"),
        S::NewPassword => ("新密码", "New password"),
        S::ChangePassword => ("修改密码", "Change password"),
        S::NoAccounts => ("还没有账号。", "No accounts yet."),
        S::HasPin => ("PIN", "PIN"),
        S::Required => ("必填", "Required"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Why a username, password or PIN was refused, in the screen's language.
pub fn account_error(lang: Lang, error: AccountError) -> &'static str {
    let (zh, en) = match error {
        AccountError::UsernameLength => {
            ("用户名为3–32个字符。", "A username is 3 to 32 characters.")
        }
        AccountError::UsernameCharacters => (
            "用户名只能用英文字母、数字、“.”、“_”和“-”。",
            "A username uses only letters a-z, digits, '.', '_' and '-'.",
        ),
        AccountError::PasswordTooShort => {
            ("密码至少10位。", "A password is at least 10 characters.")
        }
        AccountError::PasswordTooLong => {
            ("密码最多128位。", "A password is at most 128 characters.")
        }
        AccountError::PasswordOneKind => (
            "请混合字母和数字（或使用16位以上）。",
            "Mix letters and digits (or use 16 characters or more).",
        ),
        AccountError::PasswordCommon => (
            "这个密码太常见，请换一个。",
            "This password is too common; pick another.",
        ),
        AccountError::PasswordHasUsername => (
            "密码不能包含用户名。",
            "A password must not contain the username.",
        ),
        AccountError::PinFormat => ("PIN为4–6位数字。", "A PIN is 4 to 6 digits."),
        AccountError::PinGuessable => (
            "PIN太容易猜（同一数字或连号）。",
            "This PIN is too easy to guess (one digit repeated or a run).",
        ),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
