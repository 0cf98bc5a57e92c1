"""Build the bundled demo data for the support copilot (fictional company "Quillbox").

Deterministic: seeded with ``random.Random(7)``, standard library only, no network.
Run from anywhere::

    python3 scripts/build_demo_data.py

It (re)writes ``copilot/demo/data/``: ``articles.jsonl``, ``wiki/*.md``, ``tickets.jsonl``,
``ground_truth.json`` and ``README.md``. Running it twice gives byte-identical files.

Content is written in small text formats below and reflowed: article and wiki paragraphs may
span several source lines, list items continue on lines indented by two spaces, and ticket
templates (``Q``), resolutions (``R``) and subjects (``S``) continue the same way.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "copilot" / "demo" / "data"
HELP_URL = "https://help.quillbox.example/articles/"
WIKI_URL = "https://wiki.quillbox.internal/"
SEED = 7
TICKET_COUNT = 300
YEAR_START = date(2025, 11, 1)
YEAR_END = date(2026, 10, 31)
KB_CUTOFF = "2025-11-01T00:00:00Z"

# One distinctive key term (regex, case-insensitive) per gap topic; none may appear in any
# article or wiki page. The unit test repeats these on purpose.
GAP_KEY_TERMS: dict[str, str] = {
    "shop-integration": r"shopify",
    "dark-mode": r"dark mode",
    "multi-currency": r"\busd\b",
    "kleinunternehmer": r"kleinunternehmer",
    "postal-invoices": r"\bpost\b",
}
GAP_LABELS: dict[str, str] = {
    "shop-integration": "Online shop integration (Shopify / WooCommerce)",
    "dark-mode": "Dark mode in the web and mobile app",
    "multi-currency": "Invoices in foreign currencies such as USD",
    "kleinunternehmer": "Small-business VAT exemption (Kleinunternehmerregelung, § 19 UStG)",
    "postal-invoices": "Printing invoices and sending them by post",
}
# Broader list the generator checks so the gaps stay real gaps in the knowledge base.
FORBIDDEN_IN_KNOWLEDGE = [
    r"shopify",
    r"woocommerce",
    r"zapier",
    r"dark mode",
    r"dunkelmodus",
    r"\busd\b",
    r"dollar",
    r"currenc",
    r"währung",
    r"wechselkurs",
    r"exchange rate",
    r"kleinunternehmer",
    r"§ ?19\b",
    r"\bpost\b",
    r"postal",
    r"briefversand",
    r"fensterumschl",
    r"window envelope",
]

# ---------------------------------------------------------------------------------------------
# Help-center articles. Header: id | lang | created_at | updated_at, then "# Title".
# ---------------------------------------------------------------------------------------------
ARTICLES_SRC = """
@@ kb-001 | en | 2023-09-04T09:00:00Z | 2025-06-12T10:30:00Z
# Reset your password
If you can't remember your password, you can set a new one yourself in a few minutes. Our support
team can't see or set passwords for you.

## Request a reset link

1. Go to the Quillbox login page and click **Forgot password?**.
2. Enter the email address you use to sign in and click **Send reset link**.
3. Open the email from "Quillbox Security" and click **Choose a new password**.

The link is valid for 60 minutes and can be used once. If you request several links, only the
newest one works.

## The email doesn't arrive

- Wait five minutes and check your spam or junk folder.
- Make sure you entered the address you sign in with. For security reasons we show the same
  confirmation message whether or not an account exists for that address.
- If your company uses a mail filter, ask your IT team to allow messages from quillbox.example.
- If your team signs in with single sign-on (SSO), there is no Quillbox password to reset. Use your
  Google or Microsoft password instead.

## Password rules

Your new password must be at least 12 characters long and must not be one of your last 5
passwords. After a reset, Quillbox signs you out on all other devices, including the mobile app. If
two-factor authentication is switched on, you still need your authenticator code to sign in.

@@ kb-002 | de | 2023-09-04T09:30:00Z | 2025-02-20T08:45:00Z
# Zwei-Faktor-Authentifizierung (2FA) einrichten
Mit der Zwei-Faktor-Authentifizierung schützen Sie Ihr Quillbox-Konto zusätzlich: Neben dem
Passwort brauchen Sie bei der Anmeldung einen sechsstelligen Code aus einer Authenticator-App.

## 2FA aktivieren

1. Öffnen Sie **Einstellungen → Sicherheit → Zwei-Faktor-Authentifizierung** und klicken Sie auf
  **Aktivieren**.
2. Scannen Sie den QR-Code mit einer Authenticator-App, zum Beispiel Google Authenticator,
  Microsoft Authenticator, Authy oder 1Password.
3. Geben Sie den angezeigten Code ein, um die Einrichtung abzuschließen.

Codes per SMS bieten wir bewusst nicht an, weil SMS vergleichsweise leicht abgefangen werden
können.

## Backup-Codes

Nach der Einrichtung erhalten Sie 10 Backup-Codes. Jeder Code funktioniert genau einmal. Bewahren
Sie die Codes ausgedruckt oder in Ihrem Passwort-Manager auf. Neue Codes erzeugen Sie jederzeit
unter **Einstellungen → Sicherheit → Backup-Codes neu erstellen**; die alten Codes verlieren dann
ihre Gültigkeit.

## Handy verloren oder gewechselt?

- Melden Sie sich mit einem Backup-Code an und richten Sie 2FA auf dem neuen Gerät erneut ein.
- Teammitglieder ohne Backup-Code bitten den Kontoinhaber oder einen Admin, die 2FA unter
  **Einstellungen → Benutzer** zurückzusetzen.
- Hat der Kontoinhaber selbst keinen Zugriff mehr, prüft unser Support seine Identität. Das dauert
  bis zu 2 Werktage.

Admins können 2FA für alle Benutzer verpflichtend machen: **Einstellungen → Sicherheit → 2FA für
alle erzwingen**.

@@ kb-003 | en | 2024-03-18T10:00:00Z | 2025-07-01T13:15:00Z
# Sign in with single sign-on (SSO)
On the Business plan, your team can sign in to Quillbox with their existing Google Workspace or
Microsoft Entra ID (formerly Azure AD) account. Other identity providers such as Okta or OneLogin
work via SAML 2.0.

## Set up SSO

1. As the account owner or an admin, go to **Settings → Security → Single sign-on**.
2. Choose your provider and follow the steps. For SAML you need the metadata URL of your identity
  provider.
3. Verify your email domain by adding the TXT record Quillbox shows to your DNS. Verification
  usually completes within 30 minutes, but DNS changes can take up to 48 hours.

## Enforce SSO

Once the domain is verified you can switch on **Require SSO**. Users with an email address on that
domain can then no longer sign in with a password. The account owner keeps password access as a
fallback in case your identity provider is down.

## Good to know

- SSO is only available on the Business plan. If you downgrade, SSO is switched off at the end of
  the billing period and every user gets an email asking them to set a password.
- New users are not created automatically. Invite them first under **Settings → Users**;
  afterwards they sign in with SSO.
- Guests with an email address outside your verified domain keep signing in with a password.

@@ kb-004 | de | 2023-10-02T11:00:00Z | 2024-11-05T09:20:00Z
# Konto gesperrt nach zu vielen Anmeldeversuchen
Wenn Sie sich mehrmals mit einem falschen Passwort anmelden, sperrt Quillbox den Zugang
vorübergehend. So schützen wir Ihr Konto vor automatisierten Angriffen.

## Wann wird gesperrt?

Nach 5 fehlgeschlagenen Anmeldeversuchen innerhalb von 15 Minuten wird der Benutzer für 30 Minuten
gesperrt. Sie sehen dann die Meldung "Zu viele Anmeldeversuche". Die Sperre endet automatisch, Sie
müssen nichts weiter tun. Weitere Versuche während der Sperre verlängern sie nicht.

## Sofort wieder anmelden

- Setzen Sie Ihr Passwort über **Passwort vergessen?** zurück. Mit dem neuen Passwort ist die
  Sperre sofort aufgehoben.
- Teammitglieder kann der Kontoinhaber oder ein Admin unter **Einstellungen → Benutzer → (Name) →
  Entsperren** wieder freischalten.

## Verdacht auf fremde Zugriffe

Haben Sie selbst gar keine Anmeldeversuche unternommen, ändern Sie Ihr Passwort und aktivieren Sie
die Zwei-Faktor-Authentifizierung. Unter **Einstellungen → Sicherheit → Anmeldeaktivität** sehen
Sie Datum, Uhrzeit, Gerät und ungefähren Standort aller Anmeldungen der letzten 90 Tage. Wenn Ihnen
dort etwas verdächtig vorkommt, melden Sie sich bitte bei unserem Support.

@@ kb-005 | en | 2024-01-15T14:00:00Z | 2025-04-08T15:40:00Z
# Change the email address you sign in with
## Change your login email

1. Go to **Settings → Profile → Email address** and click **Change**.
2. Enter the new address and confirm with your current password.
3. Open the confirmation email we send to the new address and click the link. The link is valid
  for 24 hours.

Until you confirm, you keep signing in with the old address. We also send a notice to the old
address, so you'd notice if someone else tried to change it.

## Things to keep in mind

- Each email address can belong to only one Quillbox user. If the new address is already used by
  another account, remove it there first.
- Changing your login email does not change the email address printed on your invoices. That
  address is set in **Settings → Company details**.
- The billing contact that receives your Quillbox subscription invoices is set separately in
  **Settings → Billing → Billing details**.
- If your team uses single sign-on, the address comes from your identity provider and can only be
  changed there.

## No access to the old mailbox?

You can still change the address as long as you can sign in, because the confirmation goes to the
new address. If you can't sign in either, the account owner can change a team member's email
address under **Settings → Users**.

@@ kb-006 | en | 2023-09-11T09:00:00Z | 2025-01-14T10:00:00Z
# Upgrade your plan
You can move to a bigger plan at any time, and the new features are available straight away.

## How to upgrade

1. Go to **Settings → Billing → Change plan**. Only the account owner sees this page.
2. Pick the plan and the billing cycle (monthly or annual) and click **Confirm upgrade**.

## What you pay

The upgrade takes effect immediately. For the rest of your current billing period we charge only
the price difference, calculated to the day. From the next period on you pay the full price of the
new plan. Example: if you switch from Pro (EUR 19) to Business (EUR 39) halfway through the month,
you pay about EUR 10 now.

Switching from monthly to annual billing also takes effect immediately. The annual price equals 10
monthly payments, so you get two months free. The unused part of your monthly period is credited.

## During your trial

If you upgrade during the free 30-day trial, the trial ends immediately and your first billing
period starts that day. Remaining trial days are not added on. Everything you created during the
trial stays where it is.

@@ kb-007 | de | 2023-09-11T09:30:00Z | 2025-01-14T10:10:00Z
# Tarif herabstufen (Downgrade)
Sie können jederzeit in einen kleineren Tarif wechseln, zum Beispiel von Business zu Pro oder von
Pro zu Starter.

## So wechseln Sie

1. Öffnen Sie als Kontoinhaber **Einstellungen → Abrechnung → Tarif ändern**.
2. Wählen Sie den neuen Tarif und bestätigen Sie mit **Downgrade planen**.

Der Wechsel wird zum Ende des laufenden Abrechnungszeitraums wirksam. Bis dahin nutzen Sie alle
Funktionen Ihres bisherigen Tarifs weiter. Bereits bezahlte Zeiträume erstatten wir nicht
anteilig. Einen geplanten Downgrade können Sie bis zum Stichtag auf derselben Seite wieder
rückgängig machen. Von jährlicher auf monatliche Zahlung wechseln Sie ebenfalls zum Ende des
Jahreszeitraums.

## Was Sie vorher prüfen sollten

- **Benutzer:** Starter enthält 1 Benutzer, Pro 3 Benutzer. Sind mehr Benutzer aktiv, entfernen
  Sie diese vor dem Stichtag. Sonst wird der Downgrade nicht ausgeführt und Sie erhalten eine
  E-Mail.
- **Bankkonten:** Starter erlaubt 1 verbundenes Bankkonto, Pro 5. Überzählige Verbindungen werden
  getrennt; bereits importierte Umsätze bleiben erhalten.
- **Funktionen:** DATEV-Export, E-Rechnungen und API-Zugriff gibt es erst ab Pro, Single Sign-on
  nur in Business.
- **Rechnungslimit:** Im Starter-Tarif können Sie bis zu 20 Rechnungen pro Kalendermonat
  festschreiben.

Ihre Daten gehen beim Downgrade nicht verloren. Funktionen, die im neuen Tarif fehlen, sind
lediglich nicht mehr nutzbar.

@@ kb-008 | en | 2023-09-12T10:00:00Z | 2025-05-27T11:05:00Z
# Change your payment method
The account owner can change how the Quillbox subscription is paid at any time.

## Update your card or bank account

1. Go to **Settings → Billing → Payment method**.
2. Click **Replace payment method** and enter the new details.
3. Click **Save**. The new method is used from the next charge onwards; we don't charge anything
  when you save.

## Accepted payment methods

- Credit and debit cards: Visa, Mastercard and American Express. Some banks ask you to confirm
  with 3-D Secure in your banking app.
- SEPA Direct Debit for accounts in Germany and the rest of the EU.
- Bacs Direct Debit for accounts in the UK.

We don't accept PayPal or bank transfers for subscriptions. Direct debits are collected about 3
business days after the invoice date.

## If a payment fails

We email the account owner and retry the charge after 3, 5 and 7 days. If the invoice is still
unpaid 14 days after the first attempt, the account becomes read-only: you can view and export
data, but not create invoices. As soon as the open amount is paid, everything is unlocked within a
few minutes. You can pay an open invoice directly under **Settings → Billing → Invoice history →
Pay now**.

@@ kb-009 | de | 2023-10-09T08:30:00Z | 2024-12-03T16:20:00Z
# Rechnungen für Ihr Quillbox-Abonnement
Für jede Zahlung Ihres Quillbox-Abonnements erhalten Sie eine ordnungsgemäße Rechnung mit
ausgewiesener Umsatzsteuer.

## Rechnungen herunterladen

Alle Rechnungen finden Sie unter **Einstellungen → Abrechnung → Rechnungsverlauf**. Dort laden Sie
jede Rechnung einzeln als PDF herunter oder mit **Alle herunterladen** als ZIP-Datei für einen
Zeitraum Ihrer Wahl. Zusätzlich schicken wir jede Rechnung am Tag der Abbuchung per E-Mail an den
Rechnungsempfänger.

## Rechnungsempfänger und Anschrift ändern

Unter **Einstellungen → Abrechnung → Rechnungsdaten** hinterlegen Sie Firmenname, Anschrift und
eine eigene E-Mail-Adresse für Rechnungen, zum Beispiel die Ihrer Buchhaltung. Änderungen gelten
für alle künftigen Rechnungen. Bereits erstellte Rechnungen können wir nachträglich nicht mehr
ändern, weil sie fortlaufend nummeriert und festgeschrieben sind.

## Automatisch in die Buchhaltung

Auf Wunsch legt Quillbox die Abo-Rechnungen automatisch als Beleg in Ihrer eigenen Buchhaltung ab.
Aktivieren Sie dazu in den Rechnungsdaten die Option **Abo-Rechnungen als Beleg übernehmen**. Die
Belege erscheinen dann unter **Belege** mit der Kategorie "Software & Lizenzen".

@@ kb-010 | en | 2023-10-09T09:15:00Z | 2025-03-04T09:00:00Z
# Add your VAT ID to your Quillbox subscription
If you add a VAT ID to your billing details, it is printed on every Quillbox subscription invoice.
For businesses elsewhere in the EU it also changes how VAT is charged.

## Add or change the VAT ID

1. Go to **Settings → Billing → Billing details**.
2. Enter the VAT ID including the country prefix, for example DE123456789 or GB123456789.
3. Click **Save**. We check EU VAT IDs against the European Commission's VIES service
  immediately; this can take a few seconds.

## How VAT is charged

- **Germany:** you always pay 19% German VAT, with or without a VAT ID.
- **Other EU countries:** with a valid VAT ID we apply the reverse-charge mechanism and charge 0%
  VAT. Without a VAT ID we charge the VAT rate of your country.
- **United Kingdom:** you pay 20% UK VAT. Your UK VAT number is printed on the invoice so you can
  reclaim the VAT.

## Invoices that were already issued

The VAT ID applies to invoices issued after you save it. Invoices that were already issued can't
be changed afterwards. If saving fails with the message "VAT ID could not be verified", VIES
couldn't be reached; the VIES systems of individual member states are sometimes down for a few
hours, so try again later.

@@ kb-011 | en | 2023-11-06T10:00:00Z | 2025-08-21T14:30:00Z
# Cancel your subscription
## How to cancel

1. As the account owner, go to **Settings → Billing → Cancel subscription**.
2. Tell us briefly why you're leaving (optional) and click **Cancel subscription**.

You receive a confirmation email. The cancellation takes effect at the end of the current billing
period: monthly plans at the end of the month you've paid for, annual plans at the end of the
year. Until then you can keep using Quillbox as usual. Payments for the current period are not
refunded pro rata.

## What happens to your data

After the subscription ends, your account stays available in read-only mode for 90 days. You can
sign in, view everything and export your data (**Settings → Data → Export all data**), but you
can't create new invoices. After 90 days the account and all data are deleted permanently.

Remember that you're legally required to keep invoices and receipts: 10 years in Germany, 6 years
in the UK. Export them before the 90 days are over.

## Changed your mind?

Until the end of the billing period you can undo the cancellation with **Settings → Billing →
Resume subscription**. During the 90 read-only days you can reactivate the account by choosing a
plan again; all data is still there.

@@ kb-012 | en | 2023-09-01T08:00:00Z | 2025-09-30T12:00:00Z
# Plans, prices and limits
Quillbox has three plans. All prices are per month and exclude VAT. With annual billing you pay
for 10 months and get 12.

## Prices

| Plan | Germany | UK |
|---|---|---|
| Starter | EUR 9 | GBP 8 |
| Pro | EUR 19 | GBP 17 |
| Business | EUR 39 | GBP 34 |

Every new account starts with a free 30-day trial of the Business plan. No payment details are
needed for the trial.

## What's included

- **Starter:** 1 user, up to 20 invoices per calendar month, 1 bank connection, receipts and the
  mobile app.
- **Pro:** 3 users, unlimited invoices, 5 bank connections, recurring invoices, automatic
  reminders, e-invoices (XRechnung and ZUGFeRD), DATEV export and API access.
- **Business:** everything in Pro plus 10 users, unlimited bank connections, single sign-on,
  custom roles and priority support with a first response within 4 business hours.

Additional users cost EUR 6 or GBP 5 per user and month on Pro and Business.

## Reaching the invoice limit on Starter

When you've finalised 20 invoices in a calendar month, you can still create and save drafts.
Finalising more invoices is possible again from the 1st of the next month, or right away after an
upgrade to Pro.

@@ kb-013 | en | 2023-09-01T08:30:00Z | 2025-05-06T09:45:00Z
# Create and send an invoice
## Create the invoice

1. Go to **Invoices → New invoice**.
2. Pick an existing customer or click **New customer** and enter name and address.
3. Add line items with description, quantity, unit and net price. Choose the VAT rate per line:
  19%, 7% or 0% for German accounts, 20%, 5% or 0% for UK accounts.
4. Check the invoice date and the payment terms. The default is 14 days; change it under
  **Settings → Invoicing → Defaults**.

Click **Save draft** if you want to finish later. Drafts have no invoice number yet and can be
changed or deleted freely.

## Finalise and send

Click **Finalise & send**. Quillbox assigns the next invoice number, creates the PDF and opens the
email dialog. You can adjust the subject and text; the PDF is attached automatically.
Alternatively choose **Finalise & download** to send the PDF yourself.

## After finalising

A finalised invoice can no longer be edited or deleted, because German and UK rules require
complete and unchanged records. If something is wrong, create a credit note for the invoice and
issue a new one. The invoice's **Activity** panel shows when the email was sent and whether the
customer opened it.

@@ kb-014 | de | 2023-11-20T13:00:00Z | 2025-02-11T10:25:00Z
# Wiederkehrende Rechnungen anlegen
Für Leistungen, die Sie regelmäßig abrechnen, zum Beispiel Wartungsverträge oder monatliche
Pauschalen, erstellt Quillbox die Rechnungen automatisch. Wiederkehrende Rechnungen gibt es in den
Tarifen Pro und Business.

## Vorlage anlegen

1. Öffnen Sie **Rechnungen → Wiederkehrend → Neue wiederkehrende Rechnung**.
2. Wählen Sie Kunde und Positionen wie bei einer normalen Rechnung.
3. Legen Sie das Intervall fest: wöchentlich, monatlich, vierteljährlich, halbjährlich oder
  jährlich.
4. Bestimmen Sie das Startdatum und optional ein Enddatum oder eine Anzahl von Rechnungen.

## Versand

Quillbox erzeugt jede Rechnung am Fälligkeitstag um 6:00 Uhr deutscher Zeit. Sie entscheiden, ob
die Rechnung direkt per E-Mail an den Kunden geht (**Automatisch versenden**) oder zunächst als
Entwurf angelegt wird, den Sie prüfen und selbst versenden. In Positionstexten können Sie die
Platzhalter [Monat] und [Jahr] verwenden; sie werden beim Erstellen durch den jeweiligen Monat und
das Jahr ersetzt.

## Ändern, pausieren, beenden

Änderungen an der Vorlage gelten nur für künftige Rechnungen; bereits erstellte Rechnungen bleiben
unverändert. Mit **Pausieren** setzen Sie die Serie aus, zum Beispiel während einer Vertragspause.
Termine, die in die Pause fallen, werden nicht nachgeholt. Mit **Beenden** stoppen Sie die Serie
endgültig.

@@ kb-015 | en | 2023-12-04T09:00:00Z | 2025-06-24T15:10:00Z
# Payment reminders and dunning
Quillbox can remind your customers automatically when an invoice is overdue. Automatic reminders
are available on Pro and Business; on Starter you can send a reminder manually from the invoice
(**More → Send reminder**).

## Set up the reminder levels

Go to **Settings → Invoicing → Reminders** and switch on **Automatic reminders**. You can use up
to three levels:

- **Level 1 (friendly reminder):** 7 days after the due date, without a fee.
- **Level 2 (first dunning notice):** 14 days after the due date.
- **Level 3 (final notice):** 28 days after the due date.

These are the defaults; you can change the number of days and the text of each level. For levels
2 and 3 you can add a fixed fee, for example EUR 5, and statutory interest. Quillbox shows both as
separate lines.

## When reminders are sent

Reminders go out by email at 9:00 on weekdays to the invoice recipient. They're only sent for
invoices that are finalised and marked as sent. As soon as you mark an invoice as paid, or a
matching payment arrives via your bank connection, no further reminders are sent.

## Exceptions

To stop reminders for a single customer, open the customer and switch off **Send automatic
reminders**. For one invoice, use **More → Pause reminders**. Each reminder is saved as a PDF in
the invoice's **Activity** panel.

@@ kb-016 | de | 2024-01-22T10:30:00Z | 2025-03-18T11:00:00Z
# Rechnung stornieren und Gutschrift erstellen
Eine festgeschriebene Rechnung können Sie nicht mehr bearbeiten oder löschen, so verlangen es die
GoBD. Stattdessen korrigieren Sie sie mit einer Stornorechnung oder einer Gutschrift.

## Rechnung vollständig stornieren

1. Öffnen Sie die Rechnung und klicken Sie auf **Weitere Aktionen → Stornieren**.
2. Quillbox erstellt automatisch eine Stornorechnung über den vollen Betrag mit negativen
  Beträgen und Verweis auf die ursprüngliche Rechnungsnummer.
3. Die ursprüngliche Rechnung erhält den Status "Storniert". Offene Mahnungen werden gestoppt.

Danach können Sie über **Duplizieren** eine neue, korrigierte Rechnung erstellen.

## Teilgutschrift

Wenn nur einzelne Positionen falsch waren oder Sie nachträglich einen Nachlass gewähren, wählen
Sie **Weitere Aktionen → Gutschrift erstellen** und passen Positionen und Mengen an. Der offene
Betrag der Originalrechnung verringert sich entsprechend.

Hinweis: Steuerrechtlich ist eine "Gutschrift" eigentlich eine Abrechnung, die der
Leistungsempfänger ausstellt. Quillbox druckt deshalb "Rechnungskorrektur" als Titel auf das
Dokument.

## Nummerierung und Versand

Gutschriften und Stornorechnungen haben einen eigenen Nummernkreis (Standard: GS-[YYYY]-[NNNN]),
den Sie unter **Einstellungen → Rechnungsstellung → Nummernkreise** anpassen. Sie versenden sie wie
eine Rechnung per E-Mail. Auch eine Gutschrift lässt sich nicht löschen.

@@ kb-017 | de | 2024-09-16T09:00:00Z | 2025-10-07T08:50:00Z
# E-Rechnungen: XRechnung und ZUGFeRD
Quillbox erstellt E-Rechnungen in den Formaten XRechnung und ZUGFeRD. Beide erfüllen die
europäische Norm EN 16931. Die Funktion ist in den Tarifen Pro und Business enthalten.

## Was gilt ab wann?

Seit dem 1. Januar 2025 müssen alle Unternehmen in Deutschland E-Rechnungen von anderen Unternehmen
empfangen können. Für den Versand gelten Übergangsfristen: Ab 2027 müssen Unternehmen mit mehr als
800.000 Euro Vorjahresumsatz E-Rechnungen an Geschäftskunden stellen, ab 2028 alle. Rechnungen an
Privatkunden sind nicht betroffen.

## Format pro Kunde festlegen

Öffnen Sie den Kunden und wählen Sie unter **Rechnungsformat**:

- **ZUGFeRD (PDF mit XML):** ein normales PDF mit eingebetteten XML-Daten, geeignet für die
  meisten Geschäftskunden.
- **XRechnung (reines XML):** Pflicht bei Rechnungen an Behörden. Tragen Sie hier die
  **Leitweg-ID** des Auftraggebers im Feld Käuferreferenz ein.

Alle neuen Rechnungen an diesen Kunden werden dann im gewählten Format erzeugt.

## Prüfung vor dem Versand

Vor dem Festschreiben prüft Quillbox die Pflichtangaben. Typische Fehlermeldungen sind eine
fehlende Leitweg-ID, eine fehlende Umsatzsteuer-Identifikationsnummer oder Steuernummer in den
Firmendaten und eine fehlende Bankverbindung. Ergänzen Sie die Angaben unter **Einstellungen →
Firmendaten** bzw. beim Kunden und speichern Sie erneut.

## E-Rechnungen empfangen

Eingehende XRechnung- und ZUGFeRD-Dateien laden Sie wie jeden anderen Beleg unter **Belege** hoch.
Quillbox zeigt sie lesbar an und übernimmt Betrag, Datum und Steuersatz automatisch.

@@ kb-018 | en | 2023-10-16T11:00:00Z | 2024-10-29T13:35:00Z
# Set up your invoice numbering
Invoice numbers must be unique and sequential. Quillbox assigns them automatically when you
finalise an invoice, so there are never gaps or duplicates.

## Change the number format

Go to **Settings → Invoicing → Number ranges** and edit the range for invoices. You can combine
fixed text with these placeholders:

- [YYYY] four-digit year, [YY] two-digit year, [MM] month
- [NNNN] the running number, with as many digits as you type N's (at least 3)

The default format is RE-[YYYY]-[NNNN] for German accounts and INV-[NNNN] for UK accounts.

## Continue from your old software

If you're switching to Quillbox, set **Next number** to the number after your last invoice, for
example 1043. You can set the next number higher at any time, but never lower than a number that
has already been used. Changes apply to the next finalised invoice.

## Yearly restart and separate ranges

Tick **Restart each year** to start again at 1 on 1 January. This only works if the format
contains [YYYY] or [YY], otherwise numbers would repeat. Quotes and credit notes have their own
ranges. On the Business plan you can create additional invoice ranges, for example one per
location, and choose the range when you create an invoice.

@@ kb-019 | en | 2023-10-23T14:00:00Z | 2025-04-15T10:05:00Z
# Customise your invoice design
## Logo and colours

Go to **Settings → Invoice design**. Upload your logo as PNG, JPG or SVG, up to 2 MB. For sharp
results use at least 600 x 200 pixels. Choose an accent colour and one of four fonts. The preview
on the right updates as you go.

## Company details and footer

Your company name, address, tax number, VAT ID and bank details come from **Settings → Company
details** and appear in the footer of every invoice. In the design settings you decide which of
the three footer columns shows what, and you can add free text such as your commercial register
entry.

## Invoice language and texts

Each customer can receive invoices in German or English. Set the language on the customer under
**Invoice language**; line item descriptions stay as you typed them. Standard intro and closing
texts per language are set under **Settings → Invoicing → Texts**.

## Existing invoices

Design changes apply to invoices finalised after the change. Invoices that were already finalised
keep the layout they had at the time, because the PDF is stored unchanged.

@@ kb-020 | en | 2024-02-05T09:30:00Z | 2025-01-28T14:45:00Z
# Create quotes and turn them into invoices
## Create a quote

Go to **Quotes → New quote**. Quotes work like invoices: customer, line items and VAT rates. They
get their own number range and a **Valid until** date, which is 30 days after the quote date by
default and can be changed on each quote.

## Let your customer accept online

When you send the quote by email, it contains a link to an online view. Your customer can click
**Accept** or **Decline** there and leave a comment. You get a notification and the quote's status
changes. You can also set the status manually, for example if the customer accepted by phone.

## Convert to an invoice

Open an accepted quote and click **Convert to invoice**. Quillbox creates an invoice draft with all
line items and a reference to the quote number. You can still edit the draft before finalising it.

## Deposit invoices

For larger projects, click **Create deposit invoice** instead and enter a percentage or an amount,
for example 30%. When you later create the final invoice from the quote, Quillbox deducts the
deposit invoices automatically, including their VAT.

@@ kb-021 | en | 2024-05-13T10:00:00Z | 2025-07-22T09:30:00Z
# Get paid online: payment button and QR code
Invoices get paid faster when your customers can pay with one click. Quillbox supports online
payments through Stripe and a payment QR code on the PDF.

## Connect Stripe

1. Go to **Settings → Integrations → Online payments** and click **Connect Stripe**.
2. Sign in to your Stripe account or create a new one and confirm the connection.

From then on, every invoice email and the online invoice view contain a **Pay now** button.
Customers can pay by card, Apple Pay, Google Pay or SEPA Direct Debit. Stripe charges its own fees;
Quillbox doesn't add anything. Payouts reach your bank account according to your Stripe payout
schedule, usually after 2 to 7 days.

## Payment status

When a customer pays online, the invoice is marked as paid automatically and reminders stop. If
you use bookkeeping, the Stripe fee is booked as an expense.

## QR code for bank transfers

For German accounts Quillbox prints a GiroCode (EPC QR code) on every invoice. Customers scan it
with their banking app and the amount, IBAN and reference are filled in. The code requires an IBAN
in **Settings → Company details**; switch it off under **Settings → Invoice design → Show payment
QR code**.

@@ kb-022 | de | 2023-09-18T09:00:00Z | 2025-09-09T11:15:00Z
# Bankkonto verbinden und synchronisieren
Wenn Sie Ihr Geschäftskonto mit Quillbox verbinden, werden Umsätze automatisch importiert und mit
Ihren Rechnungen und Belegen abgeglichen.

## Konto verbinden

1. Öffnen Sie **Banking → Konto verbinden** und suchen Sie Ihre Bank. Wir unterstützen über 3.000
  Banken in Deutschland und Großbritannien, darunter Sparkassen, Volks- und Raiffeisenbanken,
  Deutsche Bank, Commerzbank, ING, DKB und N26.
2. Melden Sie sich mit Ihren Online-Banking-Zugangsdaten an und bestätigen Sie die Verbindung mit
  Ihrem TAN-Verfahren.
3. Wählen Sie die Konten aus, die Quillbox abrufen soll.

Beim ersten Abruf importieren wir die Umsätze der letzten 90 Tage. Ältere Umsätze laden Sie als
CAMT- oder CSV-Datei über **Banking → Umsätze importieren** nach.

## Wie oft wird synchronisiert?

Quillbox ruft Ihre Umsätze automatisch viermal täglich ab. Über **Jetzt synchronisieren** starten
Sie einen zusätzlichen Abruf. Übernommen werden nur gebuchte Umsätze; vorgemerkte Umsätze
erscheinen erst, wenn die Bank sie gebucht hat.

## Anzahl der Konten und Sicherheit

Im Tarif Starter können Sie 1 Bankkonto verbinden, in Pro 5 und in Business beliebig viele. Ihre
Zugangsdaten speichert Quillbox nicht; die Verbindung läuft über einen nach PSD2 lizenzierten
Kontoinformationsdienst.

@@ kb-023 | en | 2026-04-15T09:00:00Z | 2026-04-15T09:00:00Z
# Renew an expired bank connection
For security reasons, banks only allow access to your account data for a limited time. After that,
you need to confirm the connection again. This is required by PSD2 in the EU and by the Open
Banking rules in the UK.

## How often do I need to renew?

- **Banks in Germany and the rest of the EU:** every 180 days.
- **Banks in the UK:** every 90 days.

Seven days before the consent runs out, we email the user who connected the account. In Quillbox
the account shows a yellow **Renewal needed** badge. Once the consent has expired, the badge turns
red and says **Connection expired**, and no new transactions are imported.

## Renew the connection

1. Go to **Banking** and click the account with the badge.
2. Click **Renew connection**.
3. Sign in to your online banking and confirm with your TAN or in your banking app.

Only the user who originally connected the account can renew it. If that person has left, remove
the connection and connect the account again; imported transactions and matches are kept.

## Missing transactions

After renewing, Quillbox fetches everything you missed, up to 90 days back, usually within a few
minutes. Nothing is lost as long as you renew within 90 days of expiry. For longer gaps, import a
CSV or CAMT file from your bank under **Banking → Import transactions**.

@@ kb-024 | en | 2023-09-25T10:00:00Z | 2025-05-13T12:20:00Z
# Upload and manage receipts
## Upload receipts

Go to **Receipts → Upload** and drag in your files. Quillbox accepts PDF, JPG, PNG and HEIC, up to
20 MB per file and 50 files at once. With the mobile app you can also photograph receipts
directly.

You can also forward receipts by email: every account has its own receipt inbox address, which you
find under **Settings → Receipts → Receipt inbox**. Attachments in those emails become receipts
automatically. Forwarded emails without attachments are ignored.

## Automatic recognition

Within a few minutes Quillbox reads the supplier, date, gross amount and VAT rate from each
receipt. Check the fields marked in yellow, because recognition isn't always certain. If a receipt
matches a bank transaction (same amount, date within 10 days), Quillbox suggests linking them, and
you confirm the suggestion with one click.

## Retention and duplicates

Receipts are stored unchanged for 10 years for German accounts and 6 years for UK accounts, even if
you delete the linked transaction. A receipt that's linked to a transaction can't be deleted;
unlink it first. Duplicates are detected by file content and flagged with a **Possible duplicate**
label.

@@ kb-025 | de | 2023-12-11T09:00:00Z | 2025-08-05T10:40:00Z
# DATEV-Export für Ihre Steuerberatung
Mit dem DATEV-Export übergeben Sie Buchungen und Belege an Ihre Steuerberaterin oder Ihren
Steuerberater. Der Export ist in den Tarifen Pro und Business enthalten.

## Einmalige Einrichtung

Unter **Einstellungen → Buchhaltung → DATEV** hinterlegen Sie:

- die **Beraternummer** (4 bis 7 Stellen) und die **Mandantennummer** (1 bis 5 Stellen), die Sie
  von Ihrer Kanzlei erhalten,
- den **Kontenrahmen** SKR03 oder SKR04,
- das **Wirtschaftsjahr**, falls es vom Kalenderjahr abweicht.

Ohne Berater- und Mandantennummer lässt sich kein Export erstellen.

## Export erstellen

1. Öffnen Sie **Buchhaltung → Export → DATEV**.
2. Wählen Sie den Zeitraum. Ein Export kann höchstens 12 Monate umfassen und muss innerhalb eines
  Wirtschaftsjahres liegen.
3. Klicken Sie auf **Export erstellen**. Sie erhalten eine ZIP-Datei mit dem Buchungsstapel im
  DATEV-Format (CSV) und allen Belegbildern.

Die Kanzlei liest die Datei direkt in DATEV Kanzlei-Rechnungswesen ein.

## Bereits exportierte Zeiträume

Quillbox markiert exportierte Buchungen. Ändern Sie danach noch etwas, erscheint ein Hinweis.
Exportieren Sie den Zeitraum dann erneut und sprechen Sie mit Ihrer Kanzlei ab, welcher Stapel
verwendet wird, damit nichts doppelt gebucht wird.

@@ kb-026 | de | 2024-01-08T10:00:00Z | 2025-10-14T09:10:00Z
# Umsatzsteuer-Voranmeldung (UStVA) mit Quillbox
Quillbox berechnet Ihre Umsatzsteuer-Voranmeldung aus Rechnungen und Belegen und übermittelt sie
direkt über ELSTER an das Finanzamt.

## Einstellungen

Unter **Steuern → Einstellungen** legen Sie fest, ob Sie monatlich oder vierteljährlich abgeben und
ob Sie eine Dauerfristverlängerung haben. Außerdem wählen Sie Soll- oder Ist-Versteuerung. Für die
Übermittlung laden Sie Ihr ELSTER-Zertifikat (.pfx-Datei) hoch und geben das zugehörige Passwort
ein. Das Zertifikat ist drei Jahre gültig; Quillbox erinnert Sie vor Ablauf.

## Voranmeldung prüfen und senden

1. Öffnen Sie **Steuern → Umsatzsteuer-Voranmeldung** und wählen Sie den Zeitraum.
2. Prüfen Sie die Kennzahlen, zum Beispiel 81 (Umsätze zu 19 %), 86 (Umsätze zu 7 %) und 66
  (Vorsteuer). Ein Klick auf eine Kennzahl zeigt die zugrunde liegenden Buchungen.
3. Klicken Sie auf **An ELSTER senden**. Das Übertragungsprotokoll speichert Quillbox als PDF beim
  jeweiligen Zeitraum.

## Fristen und Korrekturen

Die Voranmeldung muss bis zum 10. Tag nach Ablauf des Zeitraums beim Finanzamt sein, mit
Dauerfristverlängerung einen Monat später. Quillbox erinnert Sie fünf Tage vor der Frist. Eine
bereits gesendete Voranmeldung korrigieren Sie, indem Sie den Zeitraum erneut als berichtigte
Anmeldung senden.

@@ kb-027 | en | 2024-02-19T11:00:00Z | 2025-06-03T14:00:00Z
# Submit your UK VAT return (Making Tax Digital)
Quillbox is recognised by HMRC for Making Tax Digital (MTD) for VAT, so you can submit your VAT
return directly from Quillbox.

## Connect to HMRC

1. Go to **Taxes → VAT return → Connect to HMRC**.
2. Sign in with the Government Gateway user ID of your VAT registration and grant access.

The authorisation is valid for 18 months. We remind you by email before it runs out; reconnecting
takes a minute. VAT periods are taken from HMRC automatically once you're connected.

## Check and submit

Choose the VAT period. Quillbox fills in the nine boxes from your invoices, receipts and
categorised transactions. Click any box to see the transactions behind it. When everything is
correct, tick the declaration and click **Submit to HMRC**. The receipt from HMRC is stored with
the return.

## Deadlines and schemes

The return and the payment are due one month and seven days after the end of the VAT period. Under
**Taxes → Settings** you choose standard (accrual) accounting, cash accounting or the Flat Rate
Scheme with your flat rate percentage. Submitted returns can't be changed; errors below GBP 10,000
can be corrected on your next return.

@@ kb-028 | en | 2024-04-08T09:00:00Z | 2025-03-25T16:30:00Z
# Categorise transactions with rules
## Categorise a transaction

Open **Banking → Transactions** and click a transaction without a category. Choose a category
such as "Office supplies" or "Travel", or link an invoice or receipt. Transactions linked to one of
your invoices are categorised as revenue automatically.

## Create rules

If the same kind of transaction comes in regularly, create a rule under **Settings → Bookkeeping →
Rules → New rule**. A rule can check:

- the counterparty name, for example "Telekom",
- words in the reference text,
- an amount range, and whether money comes in or goes out.

Then choose the category and, optionally, the VAT rate. Tick **Apply to existing transactions** to
categorise all matching transactions that don't have a category yet. Rules never overwrite
categories you set by hand.

## Limits and order

You can create up to 200 rules. If several rules match, the rule at the top of the list wins; drag
rules to change the order. Rules run every time new transactions are imported.

@@ kb-029 | en | 2023-10-30T10:00:00Z | 2025-02-04T09:55:00Z
# Invite team members
## Send an invitation

1. Go to **Settings → Users → Invite user**.
2. Enter the email address and choose a role (see the article on roles and permissions).
3. Click **Send invitation**.

The invitation email is valid for 7 days. If it expires or gets lost, click **Resend** next to the
user; the old link stops working.

## Seats

Each invited user takes up a seat from the moment you send the invitation, even before they
accept. Read-only users are the exception. Starter includes 1 user, Pro 3 and Business 10. If all
seats are taken, the **Invite user** button asks you to add a seat first. Withdraw an open
invitation with **Revoke** to free the seat.

## Your colleague didn't get the email

Ask them to check their spam folder and any quarantine of their company mail filter. The
invitation is tied to the address you entered, so a typo can't be corrected: revoke the invitation
and send a new one. A person who already has a Quillbox login accepts with that login and switches
between companies via the account menu at the top right.

@@ kb-030 | de | 2023-10-30T10:30:00Z | 2024-09-17T11:40:00Z
# Rollen und Berechtigungen
Jeder Benutzer in Quillbox hat genau eine Rolle. Sie legen die Rolle beim Einladen fest und ändern
sie später unter **Einstellungen → Benutzer**.

## Die Rollen im Überblick

- **Inhaber:** Vollzugriff, einschließlich Tarif, Zahlungsdaten und Löschen des Kontos. Jedes
  Konto hat genau einen Inhaber.
- **Admin:** Vollzugriff auf alle Daten und Einstellungen außer Abrechnung und Löschen des Kontos.
  Admins können Benutzer einladen und entfernen.
- **Mitarbeiter:** Rechnungen, Angebote und Kunden anlegen und bearbeiten, Belege hochladen. Kein
  Zugriff auf Banking, Steuern und Einstellungen.
- **Nur lesen:** sieht Rechnungen, Kunden und Belege, kann aber nichts ändern. Benutzer mit
  Lesezugriff belegen keinen Platz; bis zu 5 sind kostenlos.

## Inhaberschaft übertragen

Der Inhaber kann die Inhaberschaft unter **Einstellungen → Benutzer → Inhaberschaft übertragen**
an einen Admin abgeben. Er bestätigt mit seinem Passwort; der neue Inhaber erhält eine E-Mail und
muss die Übernahme innerhalb von 7 Tagen annehmen. Der bisherige Inhaber wird danach Admin.

## Eigene Rollen

Im Tarif Business können Sie zusätzlich eigene Rollen anlegen und die Rechte für Rechnungen,
Banking, Steuern und Einstellungen einzeln festlegen.

@@ kb-031 | en | 2024-03-04T09:00:00Z | 2025-01-14T10:20:00Z
# Add or remove seats
A seat is one user with access to your account. Your plan includes a number of seats: Starter 1,
Pro 3, Business 10.

## Add seats

On Pro and Business, go to **Settings → Billing → Seats** and increase the number. Each additional
seat costs EUR 6 or GBP 5 per month (EUR 60 or GBP 50 per year on annual billing). The new seat is
available immediately, and we charge the prorated amount for the rest of the current billing
period. Starter can't have additional seats; upgrade to Pro instead.

## Remove seats

First remove the user or revoke the invitation under **Settings → Users**, then reduce the number
of seats. The reduction takes effect at the start of the next billing period; there's no refund
for the current period. You can't reduce the number below the users currently in your account.

## Users that don't need a seat

Read-only users don't take up a seat, and you can have up to 5 of them for free. Removed users no
longer count, and everything they created, such as invoices and receipts, stays in your account.

@@ kb-032 | en | 2026-05-12T10:00:00Z | 2026-05-12T10:00:00Z
# Give your accountant access
Your accountant or tax adviser can work directly in your Quillbox account with their own login.
The accountant role is free of charge and doesn't use a seat.

## Invite your accountant

1. Go to **Settings → Users → Invite accountant**.
2. Enter your accountant's email address and click **Send invitation**.

You can invite up to 2 accountants per account, on every plan. The invitation is valid for 7 days.

## What accountants can do

- View all invoices, receipts, bank transactions and tax reports.
- Categorise transactions, add comments and correct VAT rates.
- Create DATEV exports and prepare VAT returns (on Pro and Business).

Accountants can't create or send invoices, change billing or invite other users.

## One login for many clients

Accountants who look after several Quillbox customers sign in once and switch between clients in
the **Client list** at the top left. If your accountant already has a normal user in your account,
change their role to **Accountant** under **Settings → Users** to free up the seat. You can remove
access at any time under **Settings → Users**; it ends immediately.

@@ kb-033 | en | 2024-01-29T13:00:00Z | 2025-07-15T10:50:00Z
# Import customers from a CSV file
## Prepare the file

Save your customer list as a CSV file. Quillbox accepts UTF-8 and Windows-1252 encoding and
detects commas or semicolons as separators automatically. One file may contain up to 5,000
customers and be up to 10 MB. Download a sample file under **Customers → Import → Download
template**.

The only required column is the customer name. Optional columns are customer number, email,
street, postcode, city, country (two-letter code such as DE or GB), VAT ID and payment terms in
days.

## Import

1. Go to **Customers → Import** and upload the file.
2. Match your columns to the Quillbox fields. Quillbox suggests a mapping based on the column
  headers.
3. Check the preview and click **Start import**.

## Duplicates and errors

Customers with the same customer number, or with the same email address if there's no number, are
treated as duplicates. Choose whether to skip them or to update the existing customer. Rows with
errors, for example an invalid country code, are skipped; download them as an error file, fix them
and import that file again. Umlauts that show up as strange characters usually mean the file was
saved in a different encoding; save it again as "CSV UTF-8".

@@ kb-034 | de | 2024-02-26T09:00:00Z | 2025-04-29T08:30:00Z
# Alle Daten exportieren
Sie können jederzeit eine vollständige Kopie Ihrer Quillbox-Daten herunterladen, zum Beispiel für
Ihre Unterlagen, eine Betriebsprüfung oder einen Anbieterwechsel.

## Export anfordern

1. Öffnen Sie **Einstellungen → Daten → Alle Daten exportieren**. Die Funktion steht Inhabern und
  Admins zur Verfügung.
2. Wählen Sie den Zeitraum oder **Alles**.
3. Klicken Sie auf **Export anfordern**.

Die Zusammenstellung dauert je nach Datenmenge einige Minuten bis zu 24 Stunden. Sobald sie fertig
ist, erhalten Sie eine E-Mail mit einem Download-Link, der 7 Tage gültig ist. Pro Konto ist ein
Export alle 24 Stunden möglich.

## Inhalt des Exports

Sie erhalten eine ZIP-Datei mit:

- CSV-Dateien für Kunden, Rechnungen, Rechnungspositionen, Belege und Bankumsätze,
- allen Rechnungen, Gutschriften und Mahnungen als PDF,
- allen hochgeladenen Belegen im Originalformat.

Die CSV-Dateien sind UTF-8-kodiert und verwenden das Semikolon als Trennzeichen, damit sie sich
direkt in Excel öffnen lassen.

## Für Betriebsprüfungen

Für eine Betriebsprüfung des Finanzamts wählen Sie zusätzlich **GoBD-Export (GDPdU)**. Er enthält
die Daten im Beschreibungsstandard mit index.xml.

@@ kb-035 | en | 2024-06-10T10:00:00Z | 2025-08-12T13:25:00Z
# Close your account and delete your data
## Before you close your account

Closing your account deletes all invoices, customers, receipts and bank data. You're legally
required to keep invoices and receipts for 10 years in Germany and 6 years in the UK, so export
everything first under **Settings → Data → Export all data**.

If you just want to stop paying, cancelling the subscription is enough; your data then stays
available read-only for 90 days after the end of the billing period.

## Close the account

1. Only the account owner can close the account. Go to **Settings → Account → Close account**.
2. Enter your password and the word CLOSE to confirm.

Your subscription ends immediately and all users lose access. There's no refund for the remaining
billing period.

## What happens next

For 30 days after closing, the owner can restore the account: sign in and click **Restore
account**. After 30 days all data is deleted permanently, and it is removed from our backups
within a further 30 days. You receive an email confirming the deletion.

@@ kb-036 | de | 2024-04-22T09:00:00Z | 2025-09-16T10:35:00Z
# Belege mit der Quillbox-App scannen
Mit der Quillbox-App für iOS und Android fotografieren Sie Kassenbons und Rechnungen direkt nach
dem Einkauf. Die App läuft ab iOS 16 und Android 10.

## Beleg scannen

1. Tippen Sie in der App unten auf **+** und dann auf **Beleg scannen**.
2. Halten Sie das Handy über den Beleg. Die App erkennt die Ränder automatisch und löst selbst aus.
3. Bei mehrseitigen Belegen tippen Sie auf **Seite hinzufügen** (bis zu 10 Seiten pro Beleg).
4. Tippen Sie auf **Speichern**.

Beim ersten Scan fragt die App nach der Kamera-Berechtigung. Haben Sie diese abgelehnt, erlauben
Sie den Zugriff nachträglich in den Einstellungen Ihres Handys unter Quillbox → Kamera.

## Tipps für gute Ergebnisse

- Legen Sie den Beleg auf einen dunklen, ruhigen Untergrund.
- Vermeiden Sie Schatten und Spiegelungen; bei Thermopapier hilft oft indirektes Licht.
- Lange Kassenbons scannen Sie am besten in zwei Teilen als zwei Seiten.

## Was danach passiert

Der Beleg wird hochgeladen und innerhalb weniger Minuten ausgelesen: Händler, Datum, Betrag und
Steuersatz. Das Original bleibt unverändert gespeichert. Den Papierbeleg dürfen Sie danach in der
Regel entsorgen, sofern für bestimmte Originale keine besonderen Aufbewahrungspflichten gelten.

@@ kb-037 | en | 2026-06-09T08:30:00Z | 2026-06-09T08:30:00Z
# Use the mobile app offline
The Quillbox app keeps working when you have no signal, for example on a construction site or on
a plane. Offline mode needs app version 5.0 or newer.

## What works offline

- Viewing invoices, quotes and customers from the last 30 days. You can extend this to 90 days
  under **App settings → Offline data**.
- Creating and editing invoice drafts and quotes.
- Scanning receipts. They're stored on the phone and uploaded automatically later.

## What needs a connection

- Finalising and sending invoices, because the invoice number must be assigned centrally to avoid
  duplicates.
- Banking, tax reports and all settings.

## Syncing

As soon as the phone is online again, the app uploads your changes in the background. A grey
cloud icon next to an item means it hasn't been synced yet. Keep the app installed and don't sign
out while items are waiting, otherwise they're lost. Offline data on the phone is encrypted and
deleted when you sign out.

If a draft was changed in the web app and on the phone at the same time, Quillbox keeps both
versions: the phone's version is saved as a copy with "(offline copy)" in the title, so you can
decide which one to keep.

@@ kb-038 | en | 2024-07-01T09:00:00Z | 2025-03-11T11:50:00Z
# Notifications in the mobile app
## Choose your notifications

Open the app and go to **Profile → Notifications**. You can switch these on or off individually:

- **Invoice paid:** a payment arrived or an online payment succeeded.
- **Invoice overdue:** on the first day after the due date.
- **Transactions to review:** new bank transactions without a category, bundled once a day.
- **Receipt processed:** recognition of a scanned receipt is finished.

Settings are saved per device, so your phone and your tablet can behave differently.

## Daily summary

Instead of individual messages, you can receive one summary at 8:00 each morning. Switch on
**Daily summary** on the same page; individual notifications are then paused.

## Notifications don't arrive

- Check that notifications for Quillbox are allowed in your phone's system settings.
- On Android, exclude Quillbox from battery optimisation. Otherwise notifications may be delayed by
  several hours, especially on Samsung and Xiaomi phones.
- Sign out of the app and back in to register the device again.

@@ kb-039 | en | 2024-05-27T10:00:00Z | 2025-10-21T15:00:00Z
# Create and manage API tokens
The Quillbox API lets you connect your own tools, for example to create invoices from your booking
system. API access is included in Pro and Business.

## Create a token

1. Go to **Settings → Integrations → API tokens → Create token**.
2. Give the token a name and choose the scopes it needs, for example **invoices:read** and
  **invoices:write**.
3. Choose an expiry: 30, 90 or 365 days, or no expiry.
4. Copy the token. It's shown only once; if you lose it, create a new one.

Send the token in the Authorization header as a bearer token. The API base URL is
https://api.quillbox.example/v1.

## Limits

Each token can make 120 requests per minute. If you exceed that, the API answers with HTTP status
429 and a Retry-After header that tells you how many seconds to wait. An account can have up to 20
active tokens.

## Security

Tokens act on behalf of the user who created them and never have more rights than that user. If
that user is removed from the account, their tokens stop working. Click **Revoke** to disable a
token immediately. Tokens that haven't been used for 180 days are revoked automatically.

@@ kb-040 | en | 2026-07-14T09:30:00Z | 2026-07-14T09:30:00Z
# Receive events with webhooks
Webhooks notify your own system as soon as something happens in Quillbox, so you don't have to
poll the API. Webhooks are available on Pro and Business.

## Add an endpoint

1. Go to **Settings → Integrations → Webhooks → Add endpoint**.
2. Enter the URL of your endpoint. It must use HTTPS.
3. Select the events, for example **invoice.created**, **invoice.paid**, **invoice.overdue**,
  **customer.created** and **transaction.imported**.
4. Copy the signing secret that's shown.

Click **Send test event** to check that your endpoint is reachable.

## Verify the signature

Every request contains the header X-Quillbox-Signature: an HMAC-SHA256 of the raw request body,
created with your signing secret. Compare it with your own calculation and reject requests that
don't match. The header X-Quillbox-Timestamp helps you reject requests older than 5 minutes.

## Responses and retries

Your endpoint must answer with a 2xx status code within 10 seconds. Otherwise we retry up to 8
times over 24 hours, with growing intervals. If an endpoint keeps failing for 3 days in a row, it's
disabled and the account owner gets an email; re-enable it under **Webhooks** once the problem is
fixed. Events can arrive more than once or out of order, so use the event ID to ignore duplicates.
"""

# ---------------------------------------------------------------------------------------------
# Internal wiki pages. Header: id | slug | lang | created_at | updated_at, then "# Title".
# ---------------------------------------------------------------------------------------------
WIKI_SRC = """
@@ wiki-001 | refund-policy | en | 2023-09-20T10:00:00Z | 2025-09-18T14:30:00Z
# Refund policy

## Standard rule

Subscription payments are not refunded pro rata when a customer cancels or downgrades; the plan
stays active until the end of the paid period. This is what the help center says, and it's what we
tell customers by default.

## Exceptions agents can grant

- **Double charges:** refund the duplicate payment in full, no approval needed. Check in Stripe
  Billing that two successful charges exist for the same billing period.
- **Annual renewal:** if a customer cancels within 14 days after an annual renewal and hasn't
  created invoices since the renewal, cancel immediately and refund the annual fee in full.
- **Charges after a failed cancellation** (the customer can show they tried to cancel): refund up
  to 2 months.

Refunds go back to the original payment method and take 5 to 10 business days to appear.

## Goodwill

For outages or bugs that cost the customer time, offer a credit on the next invoice instead of a
refund (see the page on goodwill credits).

Internal: never promise refunds above 200 EUR without a lead's approval. Ask in #support-leads and
wait for the approval before replying to the customer.

Internal: note every refund in the ticket with amount, charge ID and reason, and add the tag
refund-given.

@@ wiki-002 | escalation-matrix | en | 2023-09-20T11:00:00Z | 2025-08-04T09:00:00Z
# Escalation matrix

## When to escalate

| Issue | Escalate to | Response target |
|---|---|---|
| Security incident, suspected account takeover | Security on-call (#sec-oncall) | 30 minutes |
| Outage: login, invoices or PDFs broken for several customers | Engineering on-call | 15 minutes |
| Bank sync failing for one bank for several customers | Banking team (#team-banking) | 4 hours |
| Wrong tax calculation (UStVA, VAT return) | Tax specialist in product | 1 business day |
| Refunds above 200 EUR, legal threats, press | Support lead on duty | same day |
| GDPR requests | Privacy team (#privacy) | 2 business days |

## How to escalate

1. Set the ticket to **Escalated** and assign the group from the table.
2. Write a summary: customer ID, plan, what happened, what you already tried, screenshots.
3. Tell the customer that we've passed it to the specialist team and when they can expect an
  update. Don't promise a date for a fix.

Internal: Business plan customers always get priority. If a Business customer can't send invoices,
escalate even if only one account is affected.

Internal: anything mentioning a lawyer (Anwalt, solicitor) goes to the support lead before any
reply.

@@ wiki-003 | extend-trial | en | 2023-10-05T09:00:00Z | 2025-05-20T10:15:00Z
# How to extend a trial

## Rules

The standard trial is 30 days on the Business plan. Agents can extend a trial once by up to 14
days. Typical reasons: the customer was on holiday, was waiting for their accountant, or hit a bug
during the trial. A second extension, or more than 14 days, needs approval from the support lead.

## Steps

1. Open the account in the admin panel (Admin → Accounts → search by company or owner email).
2. Go to **Subscription → Trial → Extend trial** and choose the new end date.
3. Add an internal note with the reason.
4. Tell the customer the new end date. The trial banner in the app updates within a few minutes.

If the trial ended less than 30 days ago, the account is read-only but nothing has been deleted;
the extension reactivates it.

Internal: don't offer extensions proactively. Offer one only if the customer asks or clearly needs
more time.

Internal: accounts with the fraud flag (red badge in the admin panel) must not be extended; hand
them to the lead.

@@ wiki-004 | bank-sync-known-issues | en | 2024-02-12T10:00:00Z | 2025-10-28T16:00:00Z
# Known bank-sync issues

Living list of bank-specific problems. Update it when the banking team confirms a new issue or a
fix.

## Current issues

- **Sparkasse (several regional banks):** after maintenance weekends, transactions sometimes arrive
  with a delay of up to 2 days. No action needed; they appear automatically. Tracked as BANK-212.
- **Volksbanken with VR SecureGo plus:** the connection dialog can hang after the TAN is confirmed
  in the app. Workaround: confirm the TAN, close the dialog and click **Sync now** after 2 minutes.
- **Monzo (UK):** pending card payments are only imported once they're settled, typically after 1
  to 3 days. Expected behaviour.
- **N26:** since March 2025, joint accounts can't be connected. No ETA.

## Resolved

- Commerzbank duplicate transactions (August 2025): fixed, duplicates were removed automatically.
- Barclays login loop (June 2025): fixed.

## What to tell customers

Confirm that we know about the issue, give the workaround if there is one, and tag the ticket
bank-sync-known so the banking team can count affected customers. Don't promise a date for a fix.

Internal: if a bank isn't on this list and three or more tickets about it come in within a day,
escalate to #team-banking.

@@ wiki-005 | merge-duplicate-accounts | en | 2023-11-14T09:00:00Z | 2025-03-03T11:30:00Z
# Merging duplicate accounts

Customers sometimes sign up twice, for example once with a private and once with a business email
address. We can't merge the data of two accounts automatically, but we can help.

## Check first

- Which account has the real data (invoices, bank connections)? That one stays.
- Is the duplicate paid? If both are paid, refund the duplicate's last payment according to the
  refund policy.
- Verify that the requester owns both accounts (see the page on verifying account ownership).

## Steps

1. If the duplicate contains only a few customers or invoices, ask the customer to export them and
  import the customers into the main account. Finalised invoices can't be moved; they stay
  available as PDFs in the export.
2. In the admin panel, cancel the duplicate's subscription with **Cancel immediately**.
3. Close the duplicate with **Account → Close (support)**. It's deleted after 30 days.
4. If the customer wants the duplicate's login email on the main account, change it after the
  duplicate has been closed.

Internal: never copy data between accounts with database scripts. Engineering only does this for
Business customers with a signed data processing request.

@@ wiki-006 | gdpr-deletion-procedure | en | 2023-09-28T10:00:00Z | 2025-07-09T15:45:00Z
# GDPR deletion requests

## Who can request what

Account owners can delete their own account in the app (Settings → Account → Close account). When
someone asks us by email to delete their data, first check who they are:

- **Account owner:** guide them to close the account themselves, or close it for them after
  verifying ownership.
- **A customer of our customer**, for example someone who received an invoice: we are only the
  processor. Tell them to contact the company that issued the invoice, and don't delete anything.
- **A removed team member:** their user is deleted 30 days after removal; invoices they created
  stay with the company.

## Deadlines

We must answer within one month of the request. Tag the ticket gdpr and set the due date.

## Deleting data

1. Verify the identity: a reply from the owner's login email address, or an identity check by the
  privacy team.
2. Close the account in the admin panel with the reason "GDPR".
3. Data is deleted after 30 days; backups roll over within a further 30 days. Send the macro "GDPR
  deletion confirmed" with both dates.

Internal: requests from lawyers or data protection authorities go straight to #privacy; don't
reply yourself.

Internal: we keep subscription invoices we issued to the customer for 10 years because the law
requires it. Say so if asked.

@@ wiki-007 | doppelte-abbuchungen | de | 2024-03-07T09:00:00Z | 2025-06-16T10:20:00Z
# Doppelte Abbuchungen bearbeiten

## Erkennen

Kunden melden häufig "zweimal abgebucht". Prüfe zuerst im Admin-Panel unter **Abrechnung →
Zahlungen**, ob es wirklich zwei erfolgreiche Zahlungen für denselben Zeitraum gibt. Oft handelt
es sich um eine vorgemerkte Kartenzahlung, die nach ein paar Tagen wieder verschwindet, oder um
eine Lastschrift plus eine zusätzliche manuelle Überweisung.

## Erstatten

- Echte Doppelzahlung: die zweite Zahlung im Admin-Panel mit **Erstatten** vollständig
  zurückzahlen. Eine Freigabe ist nicht nötig (siehe Refund policy).
- Vorgemerkte Zahlung: dem Kunden erklären, dass die Bank die Reservierung nach 5 bis 7 Tagen
  automatisch aufhebt.
- Überweisung zusätzlich zur Lastschrift: den Betrag als Guthaben verrechnen oder auf Wunsch
  zurücküberweisen. Die IBAN fragst du im Ticket ab, nie am Telefon.

Die Erstattung ist je nach Bank nach 5 bis 10 Werktagen auf dem Konto des Kunden.

## Antwort an den Kunden

Nenne immer Betrag und Datum der Erstattung und entschuldige dich kurz für die Umstände.

Intern: Bei mehr als drei Doppelabbuchungen am selben Tag liegt vermutlich ein Fehler im
Billing-Job vor. Sofort im Kanal #billing-alerts melden.

@@ wiki-008 | change-legal-entity | en | 2024-01-18T10:00:00Z | 2025-04-22T13:00:00Z
# Changing the legal entity of an account

Examples: a sole trader founds a GmbH or a Ltd, a company is renamed after a merger, or a business
is sold.

## Rename only (same legal entity)

If only the name or address changes (same tax number, same VAT ID), customers update Settings →
Company details and Settings → Billing → Billing details themselves. No action from us.

## New legal entity

A new legal entity needs a new contract:

1. Ask for proof: a commercial register extract (Handelsregisterauszug or Companies House record)
  of the new entity and a written confirmation from the current owner.
2. In the admin panel, use **Account → Transfer to new entity**. All data stays; a new
  subscription for the new entity starts with the next billing period.
3. Invoices already issued under the old entity stay unchanged. Recommend a new invoice number
  range for the new entity.
4. Update the contract party in Stripe Billing.

Internal: if the business was sold to a third party, the seller must confirm the transfer in
writing. Without that confirmation, don't move anything, even if the buyer has the login.

@@ wiki-009 | restore-deleted-data | en | 2023-12-01T09:00:00Z | 2025-08-26T10:10:00Z
# Restoring deleted data from backup

## What customers can delete

Finalised invoices can never be deleted. Customers can delete drafts, quotes, customers, receipts
that aren't linked, and recurring invoice templates. There's no recycle bin in the app.

## What we can restore

We keep daily backups for 30 days. Engineering can restore single objects (a draft, a customer, a
receipt) from a backup into the live account without touching anything else.

1. Ask the customer what was deleted, roughly when, and by which user.
2. Look up the deletion in the audit log (Admin → Account → Audit log) to get the object ID and
  time.
3. Create a restore request in Jira (project DATA, type "Single restore") with the object IDs.
4. Engineering restores within 2 business days. Tell the customer this timeline.

Deletions older than 30 days can't be restored.

Internal: we don't offer full account rollbacks; they would destroy data entered after the backup.

Internal: Business customers get restores within 1 business day. Mark the Jira ticket as priority.

@@ wiki-010 | tonalitaet-und-ansprache | de | 2023-09-15T08:00:00Z | 2025-01-20T09:30:00Z
# Tonalität und Ansprache im Support

## Grundsätze

- Deutschsprachige Kunden siezen wir immer, auch wenn sie uns duzen. Ausnahme: Der Kunde bittet
  ausdrücklich um das Du.
- Englischsprachige Kunden sprechen wir mit dem Vornamen an.
- Kurze Sätze, keine Fachbegriffe ohne Erklärung. Menüpfade schreiben wir fett, zum Beispiel
  **Einstellungen → Abrechnung**.
- Wir unterschreiben mit dem Vornamen, ohne Nachnamen.

## Was wir vermeiden

- "Leider" im ersten Satz. Erst sagen, was geht, dann was nicht geht.
- Terminzusagen für neue Funktionen. Stattdessen: "Ich habe Ihren Wunsch an unser Produktteam
  weitergegeben."
- Schuldzuweisungen an die Bank, die Steuerberatung oder den Kunden.

## Steuerfragen

Wir erklären, wie Quillbox funktioniert, aber wir geben keine Steuerberatung. Formulierung: "Ob das
in Ihrem Fall zutrifft, klären Sie bitte mit Ihrer Steuerberatung."

Intern: Beschwerden mit Kündigungsdrohung bekommen immer den Tag churn-risk, damit das
Customer-Success-Team nachfassen kann.

@@ wiki-011 | support-hours-and-slas | en | 2023-09-15T09:00:00Z | 2025-09-01T08:00:00Z
# Support hours and response times

## Support hours

Support is staffed Monday to Friday, 8:00 to 18:00 German time, except on public holidays in
Berlin. UK customers are served in the same hours.

## First response targets

| Plan | Email and chat |
|---|---|
| Trial and Starter | 2 business days |
| Pro | 1 business day |
| Business | 4 business hours |

These are the targets we communicate publicly; don't promise faster times.

## Priorities inside the queue

1. Outages and security issues (any plan).
2. Customers who can't send invoices, or whose account is read-only after a failed payment.
3. Business plan tickets.
4. Everything else, oldest first.

Internal: the chat widget is only shown to Pro and Business customers.

Internal: we don't offer phone support to anyone, including Business customers. Callback requests
are answered by email.

@@ wiki-012 | suspected-account-takeover | en | 2024-04-03T10:00:00Z | 2025-05-12T12:40:00Z
# Suspected account takeover

## Signs

- The customer reports sign-ins they didn't make (visible under Settings → Security → Sign-in
  activity).
- Bank details in Company details were changed unexpectedly. This is the most common fraud
  pattern: attackers change the IBAN printed on invoices.
- Unknown users were invited.

## Immediate steps

1. In the admin panel, click **Security → Sign out all sessions** and **Force password reset**.
2. Check the audit log for changes to Company details, users and API tokens in the last 30 days.
  Revoke unknown tokens.
3. Ask the customer to set up two-factor authentication after resetting the password.
4. If invoices with a changed IBAN were sent, tell the customer to warn the affected customers
  immediately.

## Escalate

Escalate to security on-call (#sec-oncall) in every case, even if the customer says it's resolved.

Internal: don't disclose IP addresses or locations from our logs to the customer by email; the
security team decides what we share.

@@ wiki-013 | verify-account-ownership | en | 2023-10-12T09:00:00Z | 2025-02-27T14:20:00Z
# Verifying account ownership

Before we change anything on an account (owner, login email, 2FA, legal entity, refunds to a
different payment method), we verify that the requester is authorised.

## Accepted proof

- The request comes from the owner's login email address, and the person can answer one question
  about the account: last invoice amount, plan, or the city in Company details.
- For companies: a current commercial register extract that shows the person as managing director.

## 2FA reset for the owner

The owner has lost both the phone and the backup codes:

1. Ask for a photo of an ID document and a selfie holding it, via the secure upload link (macro "ID
  upload link"). Never as an email attachment.
2. The trust team does the identity check; it takes up to 2 business days.
3. After approval, reset 2FA in the admin panel (**Security → Reset 2FA**) and ask the customer to
  set it up again straight away.

Internal: ID uploads are deleted automatically after 14 days. Don't download them to your
computer.

@@ wiki-014 | datev-export-probleme | de | 2024-02-01T10:00:00Z | 2025-10-02T11:00:00Z
# DATEV-Export: häufige Probleme

## "Beraternummer ungültig"

Die Beraternummer hat 4 bis 7 Stellen, die Mandantennummer 1 bis 5 Stellen. Kunden verwechseln oft
die beiden oder tragen die Steuernummer ein. Die Nummern stehen auf jedem Schreiben der Kanzlei.

## Kanzlei meldet "Stapel bereits importiert"

Der Zeitraum wurde schon einmal exportiert und in DATEV eingelesen. Entweder löscht die Kanzlei den
alten Stapel, oder der Kunde exportiert nur die fehlenden Tage. Werden beide Stapel importiert,
entstehen doppelte Buchungen.

## Belege fehlen im Export

Belege werden nur exportiert, wenn sie mit einer Buchung verknüpft sind. Abhilfe: unter Belege den
Filter "Nicht verknüpft" nutzen und die Belege zuordnen, dann neu exportieren.

## Export über die Grenze des Wirtschaftsjahres

Geht nicht: Ein Export umfasst höchstens 12 Monate innerhalb eines Wirtschaftsjahres. Zwei Exporte
erstellen lassen.

Intern: Den DATEV-Belegbilderservice bieten wir nicht an. Wenn Kanzleien danach fragen: den
Produktwunsch im Board "Integrationen" mit +1 eintragen, keine Zusage machen.

@@ wiki-015 | xrechnung-validierungsfehler | de | 2024-10-01T09:00:00Z | 2025-10-09T13:30:00Z
# XRechnung und ZUGFeRD: Validierungsfehler

## Häufige Meldungen

- **BR-DE-15 (Leitweg-ID fehlt):** Bei Rechnungen an Behörden muss die Leitweg-ID im Feld
  Käuferreferenz am Kunden stehen, zum Beispiel 991-12345-67.
- **BR-CO-09 (USt-IdNr. ungültig):** Die USt-IdNr. in den Firmendaten enthält Leerzeichen oder
  fehlt. Ohne Leerzeichen eintragen, zum Beispiel DE123456789.
- **BR-DE-23 (Zahlungsangaben):** In den Firmendaten fehlt die IBAN.

## Behördenportale

Viele Behörden nehmen XRechnungen nur über ihr Portal an (ZRE für den Bund, OZG-RE,
Landesportale). Quillbox kann dorthin nicht direkt übermitteln. Der Kunde lädt die XML-Datei über
**Weitere Aktionen → XML herunterladen** herunter und lädt sie im Portal hoch.

## Empfang

ZUGFeRD-PDFs und reine XRechnung-Dateien werden wie normale Belege hochgeladen. Quillbox erzeugt
daraus eine lesbare Ansicht.

Intern: Wenn der Quillbox-Validator eine Rechnung akzeptiert, die das Behördenportal ablehnt, die
Fehlermeldung des Portals als Screenshot anhängen und an das Team Invoicing eskalieren
(#team-invoicing).

@@ wiki-016 | goodwill-credits | en | 2024-05-06T09:00:00Z | 2025-06-30T10:00:00Z
# Goodwill credits

## When to offer a credit

- An outage or bug stopped the customer from working for more than 2 hours.
- A bank-sync problem on our side caused missing transactions for more than 3 days.
- We gave wrong information in an earlier ticket.

## How much

- Starter and Pro: one month of the plan price as a credit on the next invoice.
- Business: up to one month; more needs the support lead.

Add the credit in the admin panel under **Subscription → Credits → Add credit** with a reason. It's
deducted automatically from the next invoice and shown as a line on it.

## Wording

"As a thank-you for your patience, we've added a credit of [amount] to your account. It will be
deducted from your next invoice automatically."

Internal: credits are never paid out in cash, even when the customer cancels.

Internal: don't combine a credit and a refund for the same incident.

@@ wiki-017 | feature-requests | en | 2023-11-02T10:00:00Z | 2025-04-01T09:15:00Z
# Handling feature requests

Customers regularly ask for features we don't have. We collect the requests so that product can
prioritise them.

## Steps

1. Search the product board for an existing request and add the customer as a supporter, with a
  short quote.
2. If nothing matches, create a new request in the right category (Invoicing, Banking, Mobile,
  Integrations, Tax).
3. Tag the ticket feature-request.
4. Answer the customer: thank them, explain the current state or a workaround if one exists, and
  say that we've passed the request on.

## What not to say

- No dates and no "soon", even if the request is on the roadmap.
- Don't mention features that are only in internal testing.

Internal: the product team reviews the board every second Thursday. Requests with more than 25
supporters are discussed in the monthly roadmap meeting.

@@ wiki-018 | mobile-app-bug-reports | en | 2024-04-25T09:00:00Z | 2025-09-22T14:00:00Z
# Mobile app bug reports

## Collect before escalating

- App version (Profile → About) and OS version.
- Phone model.
- What the customer did, what happened, and when (time with time zone).
- Screenshot or screen recording.

## First steps for the customer

1. Update the app to the latest version from the App Store or Google Play.
2. Sign out and sign in again.
3. For scanning problems: check the camera permission.
4. Reinstall only as a last resort, and only after the customer has checked that all scanned
  receipts appear in the web app.

## Escalate

Create a Jira ticket in project MOBILE with the information above and link the support ticket.
Crashes that affect several customers go to #team-mobile immediately.

Internal: the app installs from iOS 16 and Android 10, but we only fix bugs for the current and the
previous major OS version.

@@ wiki-019 | api-rate-limit-increases | en | 2024-06-03T10:00:00Z | 2025-10-20T09:40:00Z
# API rate limit increases

## Standard limits

120 requests per minute per token and 20 active tokens per account (see the help-center article on
API tokens). Most integrations stay far below that.

## When customers hit 429 errors

1. Ask for the token name and a timestamp. In the admin panel (**Account → API usage**) check the
  request graph.
2. The usual cause is a script that lists all invoices every few seconds. Suggest caching and the
  updated_since filter on list endpoints.
3. Customers migrating large amounts of data can get a temporary increase to 600 requests per
  minute for up to 7 days.

## Permanent increases

Only for Business customers with a concrete use case. Ask the API team for approval in #team-api.

Internal: never raise limits for accounts on a trial; most of the abuse we see comes from trial
accounts.

@@ wiki-020 | chargebacks | en | 2024-07-15T09:00:00Z | 2025-08-18T15:20:00Z
# Chargebacks and disputed payments

## What happens

If a customer disputes a card payment with their bank, Stripe informs us and the amount plus a
dispute fee of 15 EUR is taken back. The account is flagged in the admin panel.

## What agents do

1. Check if there's an open ticket from the customer about the charge. Often the customer didn't
  recognise "QUILLBOX" on their statement.
2. Contact the account owner and ask whether the dispute was intended.
3. If it was a mistake, the customer can withdraw the dispute with their bank. If the charge was
  really wrong (for example a double charge), refund it and ask them to withdraw the dispute.
4. If the customer doesn't react within 7 days, the finance team submits evidence to Stripe.

## Account status

With an open dispute the account stays active. If the dispute is lost and the amount stays unpaid,
the normal process for failed payments applies (read-only after 14 days).

Internal: don't discuss disputes with anyone except the account owner, and never threaten
customers with debt collection.
"""

# ---------------------------------------------------------------------------------------------
# Ticket topics. Header: slug | kind (in/gap/action) | category | gold ids | n | n_de | country
# Lines: S = subject, Q = customer question, R = agent resolution; [intent] pairs Q with R.
# Slots in {braces} are filled per ticket (see make_slots).
# ---------------------------------------------------------------------------------------------
TOPICS_SRC = """
== account-password-reset | in | account | kb-001 | 8 | 3 | any
S.en[mail]: Password reset email not arriving
S.en: Can't reset my password
S.en[link]: Reset link doesn't work
S.de: Passwort vergessen
S.de[mail]: Keine Mail zum Zurücksetzen bekommen
S.de[link]: Link zum Zurücksetzen geht nicht
Q.en[mail]: I've clicked "forgot password" {n} times this morning but nothing shows up in my
  inbox. Is your email system down?
Q.en[mail]: Trying to get back into my account, but the reset email just never arrives. I've been
  waiting since {time}.
Q.en[mail]: My colleague {colleague} can't get into Quillbox and the password mail isn't coming
  through. We have a pretty strict spam filter at the office, could that be it?
Q.en[link]: The link in your password email says it's invalid or expired. I only opened it about
  two hours after it came in.
Q.en[link]: I requested a couple of reset links because the first one didn't come. Now none of
  them work?
Q.en[rules]: I'm trying to set a new password and it keeps getting rejected. It's 9 characters
  with a number and a symbol, what else do you want?
Q.de[mail]: Ich habe jetzt {n} Mal auf "Passwort vergessen" geklickt, aber es kommt keine E-Mail
  an. Was kann ich tun?
Q.de[mail]: Die Mail zum Zurücksetzen des Passworts erreicht mich nicht. Im Spam ist auch nichts,
  wir haben allerdings eine Firewall von unserem IT-Dienstleister.
Q.de[link]: Wenn ich auf den Link in der E-Mail klicke, steht da nur "Link abgelaufen". Ich habe
  die Mail erst abends geöffnet.
Q.de[link]: Ich habe mehrere Links zum Zurücksetzen angefordert und keiner davon funktioniert.
  Woran liegt das?
Q.de[rules]: Mein neues Passwort wird nicht akzeptiert, obwohl Sonderzeichen und Zahlen drin sind.
  Welche Vorgaben gibt es denn?
Q.de[rules]: Ich wollte mein altes Passwort wieder nehmen, das geht aber nicht. Warum eigentlich?
R.en[mail]: Nothing is down on our side. The reset email comes from "Quillbox Security" and often
  ends up in spam or junk, or gets held by company mail filters, so it's worth having your IT team
  whitelist quillbox.example. Also double-check it's the address you log in with: we show the same
  confirmation even if no account exists for an address.
R.en[mail]: I've checked and the reset emails were sent successfully, so they're most likely
  sitting in spam or in your mail filter's quarantine. Please look there for a message from
  "Quillbox Security". Once it arrives, the link works for 60 minutes.
R.en[link]: Reset links are only valid for 60 minutes and can be used once, and every new request
  makes the older links invalid. Please request one more link and use it straight away; that
  should get you in.
R.en[link]: That's expected, sorry for the confusion: only the newest reset link is valid, and
  only for 60 minutes. Request a fresh one, open it within the hour and you'll be able to choose a
  new password.
R.en[rules]: Our rule is a minimum of 12 characters, and the new password can't match any of your
  last 5 passwords. Symbols aren't required, so a longer passphrase of four or five words works
  well. After the reset you'll be signed out on your other devices, including the app.
R.de[mail]: Unsere Systeme laufen normal, die E-Mails wurden verschickt. Die Nachricht kommt vom
  Absender "Quillbox Security" und bleibt gelegentlich im Spam-Ordner oder im Firmenfilter
  hängen. Bitten Sie Ihren IT-Dienstleister, E-Mails von quillbox.example zuzulassen, und fordern
  Sie danach einen neuen Link an.
R.de[mail]: Bitte prüfen Sie, ob Sie genau die Adresse eingegeben haben, mit der Sie sich
  anmelden. Aus Sicherheitsgründen zeigen wir immer dieselbe Bestätigung an, auch wenn es zu einer
  Adresse kein Konto gibt. Stimmt die Adresse, schauen Sie bitte im Spam nach einer Mail von
  "Quillbox Security".
R.de[link]: Die Links zum Zurücksetzen sind aus Sicherheitsgründen nur 60 Minuten gültig und
  funktionieren nur einmal. Außerdem ist immer nur der zuletzt angeforderte Link aktiv. Fordern
  Sie bitte einen neuen Link an und öffnen Sie ihn direkt.
R.de[link]: Mit jeder neuen Anforderung werden die älteren Links ungültig, und jeder Link gilt nur
  60 Minuten. Nehmen Sie bitte nur die neueste E-Mail und klicken Sie zeitnah auf den Link, dann
  klappt es.
R.de[rules]: Das neue Passwort muss mindestens 12 Zeichen lang sein und darf keinem Ihrer letzten
  5 Passwörter entsprechen. Sonderzeichen sind keine Pflicht; ein längerer Satz aus mehreren
  Wörtern ist sicher und leicht zu merken.
R.de[rules]: Ihre letzten 5 Passwörter lassen sich aus Sicherheitsgründen nicht wiederverwenden.
  Wählen Sie bitte ein neues mit mindestens 12 Zeichen. Nach dem Zurücksetzen werden Sie auf allen
  anderen Geräten abgemeldet, auch in der App.

== account-2fa | in | account | kb-002 | 7 | 3 | any
S.en[lost]: 2FA - lost my phone
S.en: Two-factor code problem
S.en[setup]: How do I turn on 2FA?
S.de: Zwei-Faktor-Authentifizierung
S.de[lost]: 2FA: Handy verloren
S.de[lost]: Komme wegen 2FA nicht mehr rein
Q.en[lost]: I got a new {device} over the weekend and now Quillbox asks for a 6-digit code I can't
  generate anymore. How do I get back in?
Q.en[lost]: My phone was stolen on the train yesterday and the authenticator app was on it. I'm
  the owner of our account. Help!
Q.en[lost]: One of our staff, {colleague_f}, dropped her phone in the sink and now can't log in
  because of the two-factor thing. Can I reset it for her?
Q.en[setup]: Can you send the login codes by text message instead? I don't really want another app
  on my phone.
Q.en[setup]: Where do I switch on two-step login? Our accountant said we should have it for
  anything with bank access.
Q.en[enforce]: Is there a way to make 2FA compulsory for everyone on our team? We're {users_n}
  people and I don't want to chase each one.
Q.de[lost]: Ich habe ein neues Handy und die Authenticator-App ist weg. Jetzt komme ich nicht mehr
  in mein Konto. Was nun?
Q.de[lost]: Meine Mitarbeiterin {colleague_f} hat ihr Smartphone verloren und kann sich wegen der
  Zwei-Faktor-Abfrage nicht mehr anmelden. Können Sie das zurücksetzen?
Q.de[lost]: Ich bin Inhaber des Kontos, habe das Handy gewechselt und finde meine Backup-Codes
  nicht mehr. Wie bekomme ich wieder Zugang?
Q.de[setup]: Kann man die Codes für die Anmeldung auch per SMS bekommen? Eine extra App ist mir zu
  umständlich.
Q.de[setup]: Wie aktiviere ich die Zwei-Faktor-Anmeldung? Unser Datenschutzbeauftragter besteht
  darauf.
Q.de[enforce]: Können wir 2FA für alle {users_n} Benutzer verpflichtend einstellen?
R.en[lost]: Two options: sign in with one of the 10 backup codes you got when you set up 2FA, then
  activate it again on the new phone. If the codes are gone too, the owner or an admin can reset
  2FA for team members under Settings → Users; for the account owner we do an identity check,
  which takes up to 2 business days.
R.en[lost]: Sorry to hear that. An admin or the owner can reset two-factor authentication for any
  team member under Settings → Users, and they set it up again at their next sign-in. If the
  owner is locked out and has no backup codes left, we verify their identity first; that takes up
  to 2 business days.
R.en[setup]: You'll find it under Settings → Security → Two-factor authentication: click Activate
  and scan the QR code with an authenticator app such as Google Authenticator, Microsoft
  Authenticator, Authy or 1Password. We deliberately don't offer SMS codes, as text messages can
  be intercepted. Keep the 10 backup codes somewhere safe.
R.en[setup]: We don't send codes by SMS because text messages are too easy to intercept. If you
  already use a password manager like 1Password, it can generate the codes too, so no extra app is
  needed. Turn it on under Settings → Security → Two-factor authentication.
R.en[enforce]: Yes: as an admin, go to Settings → Security and switch on "Enforce 2FA for all
  users". Everyone is asked to set it up at their next sign-in. If someone later loses their
  phone, you can reset their 2FA under Settings → Users.
R.de[lost]: Wenn Sie noch Backup-Codes haben, melden Sie sich mit einem davon an und richten 2FA
  unter Einstellungen → Sicherheit → Zwei-Faktor-Authentifizierung auf dem neuen Gerät neu ein.
  Für Teammitglieder kann der Inhaber oder ein Admin die 2FA unter Einstellungen → Benutzer
  zurücksetzen. Fehlen dem Inhaber selbst die Codes, prüfen wir die Identität, das dauert bis zu 2
  Werktage.
R.de[lost]: Bei Mitarbeitern geht das schnell: Der Inhaber oder ein Admin setzt die
  Zwei-Faktor-Authentifizierung unter Einstellungen → Benutzer zurück, beim nächsten Login wird sie
  neu eingerichtet. Betrifft es den Inhaber und sind keine Backup-Codes mehr da, bestätigen wir
  zuerst seine Identität; das dauert bis zu 2 Werktage.
R.de[setup]: SMS-Codes gibt es bei uns bewusst nicht, da sich SMS zu leicht abfangen lassen. Sie
  können aber jede gängige Authenticator-App nutzen, etwa Google Authenticator, Microsoft
  Authenticator, Authy oder 1Password. Aktivieren lässt sich 2FA unter Einstellungen → Sicherheit →
  Zwei-Faktor-Authentifizierung; danach bekommen Sie 10 Backup-Codes.
R.de[setup]: Das geht unter Einstellungen → Sicherheit → Zwei-Faktor-Authentifizierung: auf
  Aktivieren klicken, den QR-Code mit einer Authenticator-App scannen und den Code eingeben.
  Bewahren Sie die 10 Backup-Codes gut auf, jeder funktioniert genau einmal.
R.de[enforce]: Ja, als Admin schalten Sie unter Einstellungen → Sicherheit die Option "2FA für alle
  erzwingen" ein. Alle Benutzer werden dann bei der nächsten Anmeldung aufgefordert, 2FA
  einzurichten.

== account-sso | in | account | kb-003 | 4 | 1 | any
S.en: SSO with Google / Microsoft
S.en: Single sign-on question
S.de: Anmeldung über Microsoft
S.de: Single Sign-on einrichten
Q.en[setup]: We use Google Workspace for everything. Can my team log into Quillbox with their
  Google accounts?
Q.en[setup]: Does Quillbox support Okta? Our IT wants everyone on single sign-on by the end of
  {month_now}.
Q.en[setup]: I tried to find single sign-on in the settings but it isn't there. We're on
  {plan_low}.
Q.en[enforce]: We've set up Microsoft login, but people can still use their old passwords. Can we
  turn that off?
Q.en[enforce]: The domain verification for SSO has been pending since yesterday. We did add the
  TXT record.
Q.en[down]: What happens to the Google login for my team if we move from Business down to Pro
  next month?
Q.de[setup]: Können sich unsere Mitarbeiter mit ihrem Microsoft-365-Konto bei Quillbox anmelden?
Q.de[setup]: Unterstützen Sie SAML? Wir nutzen OneLogin als Identity Provider.
Q.de[setup]: Ich finde den Punkt Single Sign-on in den Einstellungen nicht. Wir haben den Tarif
  {plan_low}.
Q.de[enforce]: Die SSO-Anmeldung funktioniert, aber die Kollegen können sich weiterhin mit
  Passwort einloggen. Lässt sich das abschalten?
Q.de[enforce]: Die Domain-Verifizierung hängt seit gestern auf "ausstehend". Den TXT-Eintrag haben
  wir gesetzt.
Q.de[down]: Was passiert mit der Microsoft-Anmeldung, wenn wir von Business auf Pro wechseln?
R.en[setup]: Single sign-on is part of the Business plan and works with Google Workspace and
  Microsoft Entra ID, plus any SAML 2.0 provider such as Okta or OneLogin. Set it up under Settings
  → Security → Single sign-on and verify your domain with the TXT record shown there. Users aren't
  created automatically, so invite them under Settings → Users first.
R.en[setup]: SSO is only available on Business, which is why you can't see it on your current
  plan. After upgrading you'll find it under Settings → Security → Single sign-on; Google,
  Microsoft and SAML 2.0 providers are supported. Note that people need to be invited as users
  before they can sign in with SSO.
R.en[enforce]: Once your domain is verified, switch on Require SSO under Settings → Security →
  Single sign-on. Everyone with an address on that domain can then only sign in through your
  identity provider. The account owner keeps password access as a fallback in case the provider is
  ever down.
R.en[enforce]: Domain verification usually goes through within 30 minutes, but DNS changes can
  take up to 48 hours to propagate. Once it shows as verified you can turn on Require SSO; only the
  owner keeps a password login as a fallback.
R.en[down]: SSO stays active until the end of your current billing period. When the downgrade
  takes effect it's switched off and every user gets an email asking them to set a password, so
  nobody gets locked out.
R.de[setup]: Single Sign-on ist im Business-Tarif enthalten. Unterstützt werden Google Workspace
  und Microsoft Entra ID sowie alle Anbieter mit SAML 2.0, zum Beispiel Okta oder OneLogin.
  Eingerichtet wird es unter Einstellungen → Sicherheit → Single Sign-on; neue Benutzer laden Sie
  vorher unter Einstellungen → Benutzer ein, automatisch angelegt werden sie nicht.
R.de[setup]: Den Menüpunkt sehen Sie nur im Business-Tarif, deshalb fehlt er bei Ihnen. Nach dem
  Upgrade richten Sie SSO unter Einstellungen → Sicherheit → Single Sign-on ein und bestätigen Ihre
  Domain per TXT-Eintrag im DNS.
R.de[enforce]: Sobald Ihre Domain verifiziert ist, können Sie "SSO erzwingen" einschalten. Dann
  melden sich alle Benutzer mit einer Adresse dieser Domain nur noch über Ihren Identity Provider
  an. Nur der Inhaber behält als Notfallzugang die Anmeldung per Passwort.
R.de[enforce]: Die Verifizierung klappt meist innerhalb von 30 Minuten, DNS-Änderungen können aber
  bis zu 48 Stunden brauchen. Prüfen Sie bitte, ob der TXT-Eintrag genau so gesetzt ist wie
  angezeigt; der Status aktualisiert sich dann automatisch.
R.de[down]: SSO bleibt bis zum Ende des laufenden Abrechnungszeitraums aktiv. Danach wird es
  abgeschaltet, und alle Benutzer erhalten eine E-Mail, um ein Passwort festzulegen. Ausgesperrt
  wird also niemand.

== account-locked | in | account | kb-004 | 6 | 3 | any
S.en: Account locked
S.en: "Too many sign-in attempts"
S.en: Can't log in - locked out
S.de: Konto gesperrt
S.de: Zu viele Anmeldeversuche
S.de: Kann mich nicht mehr einloggen
Q.en[self]: It says "too many sign-in attempts" and won't let me in. I have a client meeting at
  {time} and need to send an invoice before that!
Q.en[self]: I typed my password wrong a few times and now I'm locked out. How long does this
  last?
Q.en[self]: Locked out of Quillbox again. Is there any way to skip the wait?
Q.en[team]: Our bookkeeper {colleague_f} locked herself out this morning. Can I unlock her account
  as the admin?
Q.en[team]: One of my employees is blocked after too many wrong passwords. Is there a way to
  unlock the user from my side?
Q.en[susp]: I got locked out but I haven't tried to log in at all today. Is someone trying to get
  into my account?
Q.de[self]: Beim Login kommt "Zu viele Anmeldeversuche". Ich muss heute noch Rechnungen schreiben,
  wie lange dauert die Sperre?
Q.de[self]: Ich habe mich {n} Mal vertippt und jetzt bin ich gesperrt. Kann man das sofort
  aufheben?
Q.de[team]: Unsere Mitarbeiterin {colleague_f} ist gesperrt, nachdem sie ihr Passwort mehrfach
  falsch eingegeben hat. Kann ich sie als Admin wieder freischalten?
Q.de[team]: Ein Kollege kommt nicht mehr rein, sein Zugang ist gesperrt. Was muss ich tun?
Q.de[susp]: Mein Konto wurde gesperrt, obwohl ich mich heute gar nicht anmelden wollte. Versucht
  da jemand, sich einzuloggen?
Q.de[susp]: Ich war die ganze Woche im Urlaub und trotzdem ist mein Zugang gesperrt. Ist mein
  Konto gehackt?
R.en[self]: After 5 failed attempts within 15 minutes we lock the login for 30 minutes, and it
  unlocks on its own. If you can't wait, reset your password via "Forgot password?" on the login
  page; the lock is lifted as soon as you've set the new password.
R.en[self]: The lock is temporary: it lasts 30 minutes, then you can sign in again. The quickest
  way back in is a password reset, which removes the lock immediately.
R.en[team]: Yes. As owner or admin, go to Settings → Users, click the user and choose Unlock; they
  can sign in again straight away. Otherwise the lock lifts by itself after 30 minutes.
R.en[team]: You can unlock team members yourself under Settings → Users → (name) → Unlock.
  Alternatively they can reset their password, which also ends the lock immediately.
R.en[susp]: A lock only happens after 5 wrong passwords within 15 minutes, so it's worth a look.
  Under Settings → Security → Sign-in activity you can see date, time, device and approximate
  location of all sign-ins from the last 90 days. To be safe, change your password and switch on
  two-factor authentication.
R.de[self]: Nach 5 falschen Versuchen innerhalb von 15 Minuten sperren wir die Anmeldung für 30
  Minuten, danach geht es automatisch wieder. Schneller geht es über "Passwort vergessen?": Sobald
  Sie ein neues Passwort gesetzt haben, ist die Sperre aufgehoben.
R.de[self]: Die Sperre hebt sich nach 30 Minuten von selbst auf. Wenn Sie nicht warten möchten,
  setzen Sie Ihr Passwort zurück; dann können Sie sich sofort wieder anmelden.
R.de[team]: Ja, das geht: Unter Einstellungen → Benutzer den Namen anklicken und "Entsperren"
  wählen. Alternativ setzt sich die Person über "Passwort vergessen?" selbst ein neues Passwort,
  auch das hebt die Sperre sofort auf.
R.de[susp]: Gesperrt wird nur nach 5 Fehlversuchen innerhalb von 15 Minuten. Unter Einstellungen →
  Sicherheit → Anmeldeaktivität finden Sie alle Anmeldungen der letzten 90 Tage mit Gerät, Zeitpunkt
  und ungefährem Ort. Ändern Sie zur Sicherheit Ihr Passwort und schalten Sie die
  Zwei-Faktor-Authentifizierung ein.
R.de[susp]: Bitte prüfen Sie die Anmeldeaktivität unter Einstellungen → Sicherheit. Tauchen dort
  fremde Geräte oder Orte auf, ändern Sie sofort Ihr Passwort und richten Sie 2FA ein. Melden Sie
  sich gern noch einmal, wenn Ihnen etwas verdächtig vorkommt.

== account-change-email | in | account | kb-005 | 5 | 2 | any
S.en: Change login email
S.en: New email address for my account
S.en[invoice]: Old email still showing
S.de: E-Mail-Adresse ändern
S.de: Neue Login-Adresse
Q.en[change]: We've rebranded and everyone has a new email domain now. How do I change the address
  I log in with?
Q.en[change]: I'm leaving my old email provider. Where can I update my login email in Quillbox?
Q.en[change]: Is it possible to switch the email on my account to my business address? At the
  moment it's my personal Gmail.
Q.en[invoice]: I changed my login email, but our invoices still show the old address at the top.
  Did it not save?
Q.en[confirm]: I changed my email in the profile, but I still have to log in with the old one?
Q.en[team]: {colleague} got married and has a new work email. Can I change it for them or do they
  have to do it themselves?
Q.de[change]: Wie kann ich die E-Mail-Adresse ändern, mit der ich mich anmelde? Wir haben eine
  neue Domain.
Q.de[change]: Ich möchte statt meiner privaten Adresse künftig die Firmenadresse zum Einloggen
  nutzen. Geht das?
Q.de[invoice]: Ich habe meine E-Mail-Adresse geändert, aber auf den Rechnungen an unsere Kunden
  steht noch die alte. Warum?
Q.de[invoice]: Die Abo-Rechnungen von Quillbox gehen immer noch an meine alte Adresse, obwohl ich
  mein Login geändert habe.
Q.de[confirm]: Ich habe die neue Adresse eingetragen, muss mich aber immer noch mit der alten
  anmelden. Habe ich etwas falsch gemacht?
Q.de[team]: Eine Mitarbeiterin heißt nach der Hochzeit anders und hat eine neue Mailadresse. Kann
  ich die für sie ändern?
R.en[change]: You can do that yourself under Settings → Profile → Email address → Change. Enter the
  new address, confirm with your current password and click the link we send to the new address
  within 24 hours. Until then, the old address stays active for login.
R.en[change]: Go to Settings → Profile → Email address and click Change. We'll send a confirmation
  link to the new address (valid for 24 hours) and a notice to the old one. Each address can only
  belong to one Quillbox user, so if the new one is already in use elsewhere, remove it there
  first.
R.en[invoice]: The login email and the other addresses are separate settings. The email shown on
  your invoices comes from Settings → Company details, and the address that receives our
  subscription invoices is under Settings → Billing → Billing details. Update those two and you're
  all set.
R.en[confirm]: The change only takes effect once you click the confirmation link we sent to the
  new address. It's valid for 24 hours, so if it has expired, just start the change again under
  Settings → Profile → Email address.
R.en[team]: Yes, as the account owner you can change a team member's email under Settings →
  Users. If your team signs in with SSO, the address comes from your identity provider and has to
  be changed there instead.
R.de[change]: Das erledigen Sie selbst unter Einstellungen → Profil → E-Mail-Adresse → Ändern.
  Nach Eingabe Ihres aktuellen Passworts schicken wir einen Bestätigungslink an die neue Adresse,
  der 24 Stunden gültig ist. Bis zur Bestätigung melden Sie sich weiter mit der alten Adresse an.
R.de[invoice]: Die Login-Adresse ist unabhängig von den anderen Adressen. Welche E-Mail auf Ihren
  Rechnungen steht, legen Sie unter Einstellungen → Firmendaten fest; an wen wir die
  Quillbox-Abo-Rechnungen schicken, unter Einstellungen → Abrechnung → Rechnungsdaten.
R.de[confirm]: Die Änderung wird erst wirksam, wenn Sie auf den Link in unserer Bestätigungsmail
  an die neue Adresse klicken. Der Link gilt 24 Stunden; ist er abgelaufen, starten Sie die
  Änderung unter Einstellungen → Profil einfach noch einmal.
R.de[team]: Ja, als Inhaber können Sie die Adresse eines Teammitglieds unter Einstellungen →
  Benutzer ändern. Nutzen Sie Single Sign-on, kommt die Adresse aus Ihrem Identity Provider und
  muss dort geändert werden.

== billing-upgrade | in | billing | kb-006 | 5 | 2 | any
S.en: Upgrade to {plan_high}
S.en[cost]: Switching plans mid-month
S.en[cost]: Charged after upgrading?
S.de: Upgrade auf {plan_high}
S.de: Tarifwechsel
S.de[cost]: Kosten beim Upgrade
Q.en[how]: We're growing and need more than {plan_low} gives us. How do I move to {plan_high}, and
  do I lose anything?
Q.en[how]: I don't see an option to change plans, only our invoices. I'm an admin on the account.
Q.en[cost]: If I upgrade from {plan_low} to {plan_high} today, do I pay the full month again?
Q.en[cost]: Just upgraded to {plan_high} and there's already an extra charge on my card. I thought
  it would start next month?
Q.en[annual]: Can I switch to yearly payment now or only when the month runs out? And what's the
  discount?
Q.en[trial]: I'm on the free trial and want to pay now so my accountant can start. Will I lose the
  remaining trial days if I upgrade?
Q.de[how]: Wir möchten von {plan_low} auf {plan_high} wechseln. Wo geht das, und gelten die neuen
  Funktionen sofort?
Q.de[how]: Als Admin sehe ich keinen Button zum Tarifwechsel. Muss das jemand anderes machen?
Q.de[cost]: Was kostet mich der Wechsel auf {plan_high} mitten im Monat? Zahle ich dann doppelt?
Q.de[cost]: Nach dem Upgrade wurde sofort ein Betrag abgebucht. Ich dachte, der neue Preis gilt
  erst ab dem nächsten Monat.
Q.de[annual]: Wir würden gern auf jährliche Zahlung umstellen. Geht das auch mitten in der
  Laufzeit?
Q.de[trial]: Ich teste Quillbox gerade und möchte schon vor Ende der Testphase buchen. Verfallen
  dann die restlichen Testtage?
R.en[how]: The account owner can upgrade under Settings → Billing → Change plan; admins don't see
  that page. The upgrade takes effect immediately, so the {plan_high} features are available
  straight away and nothing you've created is lost.
R.en[cost]: No double payment: when you upgrade, we charge only the price difference for the rest
  of your current billing period, calculated to the day. From the next period you pay the regular
  {plan_high} price of {price_high} per month plus VAT.
R.en[cost]: That charge is the prorated difference between {plan_low} and {plan_high} for the
  remaining days of this billing period, because upgrades take effect immediately. From your next
  renewal you simply pay the normal {plan_high} price.
R.en[annual]: You can switch to annual billing at any time under Settings → Billing → Change plan,
  and it applies right away. The annual price equals 10 monthly payments, so you get two months
  free, and the unused part of your current month is credited.
R.en[trial]: If you upgrade now, the trial ends today and your first billing period starts
  immediately; the remaining trial days aren't added on. Everything you set up during the trial
  stays exactly where it is.
R.de[how]: Den Tarif ändert der Kontoinhaber unter Einstellungen → Abrechnung → Tarif ändern;
  Admins sehen diese Seite nicht. Das Upgrade gilt sofort, die Funktionen von {plan_high} stehen
  also direkt zur Verfügung, und es geht nichts verloren.
R.de[cost]: Sie zahlen nicht doppelt. Beim Upgrade berechnen wir nur die Differenz für den Rest des
  laufenden Abrechnungszeitraums, taggenau. Ab dem nächsten Zeitraum zahlen Sie den regulären Preis
  von {price_high} im Monat zzgl. USt.
R.de[annual]: Die Umstellung auf jährliche Zahlung geht jederzeit unter Einstellungen →
  Abrechnung → Tarif ändern und gilt sofort. Der Jahrespreis entspricht 10 Monatsbeiträgen, zwei
  Monate sind also geschenkt; der nicht genutzte Teil des aktuellen Monats wird verrechnet.
R.de[trial]: Wenn Sie jetzt buchen, endet die Testphase sofort und Ihr erster Abrechnungszeitraum
  beginnt heute. Die restlichen Testtage werden nicht angehängt, aber alle Daten aus dem Test
  bleiben erhalten.

== billing-downgrade | in | billing | kb-007 | 6 | 3 | any
S.en: Downgrade to {plan_low}
S.en: Switch to a cheaper plan
S.en[refund]: Downgrade and refund?
S.de: Downgrade auf {plan_low}
S.de: In kleineren Tarif wechseln
S.de: Tarif reduzieren
Q.en[how]: Business is quiet over the winter, so I'd like to drop down to {plan_low}. When would
  that kick in?
Q.en[refund]: I downgraded from {plan_high} to {plan_low} yesterday. Will I get money back for the
  rest of the month?
Q.en[limits]: We want to go back to {plan_low} but we have {users_n} users. What happens to them?
Q.en[limits]: If we downgrade to Starter, do we lose our bank connections and all the
  transactions?
Q.en[limits]: The downgrade didn't happen on the renewal date and I got an email instead. What did
  I do wrong?
Q.en[undo]: I scheduled a downgrade by mistake. Can I cancel it?
Q.de[how]: Wir brauchen {plan_high} nicht mehr. Ab wann gilt der Wechsel auf {plan_low}, wenn ich
  heute umstelle?
Q.de[refund]: Bekomme ich beim Downgrade den Restbetrag für diesen Monat erstattet?
Q.de[limits]: Was passiert mit unseren Bankverbindungen, wenn wir auf Starter wechseln? Aktuell
  sind {n} Konten verbunden.
Q.de[limits]: Wir sind {users_n} Leute im Team. Können wir trotzdem auf {plan_low} gehen?
Q.de[limits]: Gehen beim Wechsel in einen kleineren Tarif Daten verloren? Wir nutzen den
  DATEV-Export.
Q.de[undo]: Ich habe aus Versehen einen Downgrade geplant. Lässt sich das rückgängig machen?
R.en[how]: As the account owner you can schedule it under Settings → Billing → Change plan. The
  downgrade takes effect at the end of your current billing period, and until then you keep all
  the features of your current plan.
R.en[refund]: Downgrades take effect at the end of the billing period you've already paid for, so
  you keep {plan_high} until then. We don't refund the remaining days pro rata, but you won't be
  charged the higher price again.
R.en[limits]: Before the switch date, please reduce your active users to what the smaller plan
  includes (Starter 1, Pro 3); otherwise the downgrade isn't carried out and you get an email. Bank
  connections above the limit (Starter 1, Pro 5) are disconnected, but all transactions already
  imported stay in your account.
R.en[limits]: Nothing gets deleted when you downgrade; features that aren't part of the smaller
  plan just become unavailable, for example DATEV export and API access below Pro. Just make sure
  the number of users fits the new plan before the end of the period, or the downgrade won't go
  through.
R.en[undo]: Yes, no problem. Open Settings → Billing → Change plan again; until the switch date
  you can undo the scheduled downgrade there with one click.
R.de[how]: Den Downgrade planen Sie als Kontoinhaber unter Einstellungen → Abrechnung → Tarif
  ändern. Er wird zum Ende des laufenden Abrechnungszeitraums wirksam; bis dahin nutzen Sie alle
  Funktionen weiter.
R.de[refund]: Eine anteilige Erstattung gibt es beim Downgrade nicht, dafür gilt Ihr bisheriger
  Tarif bis zum Ende des bereits bezahlten Zeitraums. Ab dann zahlen Sie den niedrigeren Preis von
  {price_low} im Monat.
R.de[limits]: Ihre Daten bleiben vollständig erhalten. Verbundene Bankkonten über dem Limit
  (Starter 1, Pro 5) werden getrennt, bereits importierte Umsätze bleiben aber da. Achten Sie
  außerdem darauf, dass zum Stichtag nicht mehr Benutzer aktiv sind, als der neue Tarif erlaubt
  (Starter 1, Pro 3), sonst wird der Downgrade nicht ausgeführt.
R.de[limits]: Beim Wechsel geht nichts verloren, nur Funktionen des größeren Tarifs sind nicht
  mehr nutzbar; der DATEV-Export ist zum Beispiel erst ab Pro enthalten. Entfernen Sie vor dem
  Stichtag überzählige Benutzer, damit der Downgrade durchgeführt werden kann.
R.de[undo]: Ja, bis zum Stichtag können Sie den geplanten Downgrade unter Einstellungen →
  Abrechnung → Tarif ändern wieder rückgängig machen.

== billing-payment-method | in | billing | kb-008 | 7 | 3 | any
S.en[change]: Update card details
S.en: Change payment method
S.en[failed]: Payment failed - account read-only
S.en[paypal]: Pay by PayPal?
S.de[change]: Zahlungsmethode ändern
S.de: Frage zur Zahlungsmethode
S.de[failed]: Zahlung fehlgeschlagen
Q.en[change]: Our company card expires at the end of {month_now} and I've got a new one. Where do I
  put the new details?
Q.en[change]: We'd like to pay by direct debit instead of card from now on. Is that possible for a
  UK company?
Q.en[change]: When I save a new card, will you charge it straight away? I don't want to be billed
  twice this month.
Q.en[paypal]: Can I pay for Quillbox with PayPal? That's how we pay for all our software.
Q.en[failed]: Got an email that my payment failed. The card is fine, I think it was a 3-D Secure
  thing. What happens now?
Q.en[failed]: Our account suddenly says read-only and I can't create invoices. Apparently a payment
  didn't go through?
Q.de[change]: Wir möchten künftig per SEPA-Lastschrift statt mit Kreditkarte zahlen. Wo kann ich
  das umstellen?
Q.de[change]: Meine Kreditkarte wurde ausgetauscht. Wie hinterlege ich die neue Karte?
Q.de[change]: Bucht ihr sofort ab, wenn ich eine neue Zahlungsmethode speichere?
Q.de[paypal]: Kann ich das Abo auch per PayPal oder Überweisung bezahlen?
Q.de[failed]: Ich habe eine Mail bekommen, dass die Zahlung nicht geklappt hat. Was passiert jetzt
  mit meinem Konto?
Q.de[failed]: Unser Konto ist plötzlich schreibgeschützt, wir können keine Rechnungen mehr
  schreiben. Was ist da los?
R.en[change]: The account owner can change it under Settings → Billing → Payment method → Replace
  payment method. We accept Visa, Mastercard and American Express, SEPA Direct Debit for German and
  EU accounts, and Bacs Direct Debit for UK accounts. Saving doesn't trigger a charge; the new
  method is simply used from the next payment on.
R.en[change]: Just go to Settings → Billing → Payment method, click Replace payment method and save
  the new details. Nothing is charged when you save, so there's no risk of paying twice; a direct
  debit is taken roughly 3 working days after each invoice.
R.en[paypal]: We don't accept PayPal or bank transfers for the subscription, sorry. You can pay by
  Visa, Mastercard or American Express, or by direct debit (SEPA in Germany and the EU, Bacs in the
  UK); change it under Settings → Billing → Payment method.
R.en[failed]: When a charge fails we try again after 3, 5 and 7 days and email the owner each time.
  If the invoice is still unpaid two weeks after the first attempt, we switch the account to
  read-only, which is what you're seeing. Pay the open invoice under Settings → Billing → Invoice
  history → Pay now and everything is unlocked within a few minutes.
R.en[failed]: Nothing's lost: the account goes read-only when an invoice stays unpaid for 14 days
  after the first failed attempt. Please open Settings → Billing → Invoice history and click Pay
  now; if your bank asks for 3-D Secure, confirm it in your banking app. Access comes back within a
  few minutes of the payment.
R.de[change]: Die Zahlungsmethode ändert der Kontoinhaber unter Einstellungen → Abrechnung →
  Zahlungsmethode → Zahlungsmethode ersetzen. Möglich sind Visa, Mastercard, American Express und
  SEPA-Lastschrift. Beim Speichern buchen wir nichts ab, die neue Methode gilt ab der nächsten
  Zahlung.
R.de[change]: Hinterlegen Sie die neuen Daten einfach unter Einstellungen → Abrechnung →
  Zahlungsmethode. Dabei wird nichts abgebucht; Lastschriften ziehen wir etwa 3 Werktage nach dem
  Rechnungsdatum ein.
R.de[paypal]: PayPal und Überweisung bieten wir für das Abo nicht an. Sie können per Kreditkarte
  (Visa, Mastercard, American Express) oder SEPA-Lastschrift zahlen; umstellen lässt sich das unter
  Einstellungen → Abrechnung → Zahlungsmethode.
R.de[failed]: Bei einer fehlgeschlagenen Zahlung versuchen wir es nach 3, 5 und 7 Tagen erneut.
  Ist die Rechnung 14 Tage nach dem ersten Versuch noch offen, wird das Konto schreibgeschützt.
  Zahlen Sie den offenen Betrag unter Einstellungen → Abrechnung → Rechnungsverlauf → Jetzt
  bezahlen, wenige Minuten danach ist alles wieder freigeschaltet.
R.de[failed]: Ihre Daten sind vollständig da, das Konto ist nur wegen einer offenen Abo-Rechnung
  schreibgeschützt. Bitte prüfen Sie die Zahlungsmethode und klicken Sie im Rechnungsverlauf auf
  "Jetzt bezahlen". Innerhalb weniger Minuten können Sie wieder Rechnungen schreiben.

== billing-subscription-invoices | in | billing | kb-009 | 6 | 3 | any
S.en: Invoice for my subscription
S.en[download]: Where are Quillbox's invoices?
S.en[address]: Wrong address on your invoices
S.de: Rechnung für das Abo
S.de[address]: Rechnungsadresse ändern
S.de[recipient]: Rechnungen an die Buchhaltung schicken
Q.en[download]: My accountant needs all your invoices for {prev_year}. Is there a way to download
  them in one go?
Q.en[download]: Where can I find the invoice for this month's Quillbox payment? I can only see the
  charge on the card statement.
Q.en[address]: We moved offices to {city}. Can you update the address on the invoices you send
  us, including the last three?
Q.en[address]: The company name on your invoices is outdated, it should say {company} now.
Q.en[recipient]: Can your invoices go straight to our accounts inbox instead of to me?
Q.en[auto]: Is there a way to get the Quillbox invoices into my bookkeeping automatically instead
  of uploading them every month?
Q.de[download]: Wo finde ich die Rechnungen für unser Quillbox-Abo? Unser Steuerberater braucht
  sie für {prev_year}.
Q.de[download]: Ich brauche die Rechnung zur Abbuchung vom {date}. Wo kann ich die herunterladen?
Q.de[address]: Wir sind umgezogen. Können Sie die Adresse auf Ihren Rechnungen ändern, auch
  rückwirkend für die letzten Monate?
Q.de[address]: Auf Ihrer Rechnung steht noch der alte Firmenname. Wir heißen jetzt {company}.
Q.de[recipient]: Bitte schicken Sie die Rechnungen künftig an unsere Buchhaltung und nicht mehr an
  mich.
Q.de[auto]: Kann Quillbox die eigenen Abo-Rechnungen automatisch als Beleg in meiner Buchhaltung
  ablegen?
R.en[download]: You'll find every invoice under Settings → Billing → Invoice history. Each one can
  be downloaded as a PDF, and Download all gives you a ZIP for any period you choose. We also email
  each invoice to the billing contact on the day of payment.
R.en[address]: You can update the company name and address under Settings → Billing → Billing
  details, and the change applies to all future invoices. Invoices that were already issued can't
  be changed, as they're numbered and final.
R.en[recipient]: Sure, you can set that yourself: add the accounts address as the invoice email
  under Settings → Billing → Billing details, and from the next invoice on it goes there. Tip: with
  "Add subscription invoices as receipts" switched on, they also land in your Receipts
  automatically.
R.en[auto]: Yes: under Settings → Billing → Billing details, switch on "Add subscription invoices
  as receipts". From then on each Quillbox invoice appears under Receipts with the category
  "Software & licences".
R.de[download]: Alle Abo-Rechnungen finden Sie unter Einstellungen → Abrechnung →
  Rechnungsverlauf. Dort können Sie jede einzeln als PDF laden oder mit "Alle herunterladen" eine
  ZIP-Datei für einen beliebigen Zeitraum erstellen.
R.de[address]: Firmenname und Anschrift ändern Sie unter Einstellungen → Abrechnung →
  Rechnungsdaten; das gilt für alle künftigen Rechnungen. Bereits erstellte Rechnungen können wir
  nicht nachträglich ändern, da sie fortlaufend nummeriert und festgeschrieben sind.
R.de[recipient]: Das können Sie selbst einstellen: Unter Einstellungen → Abrechnung →
  Rechnungsdaten hinterlegen Sie eine eigene E-Mail-Adresse für Rechnungen, zum Beispiel die Ihrer
  Buchhaltung. Ab der nächsten Rechnung geht sie dorthin.
R.de[auto]: Ja, dafür gibt es in den Rechnungsdaten die Option "Abo-Rechnungen als Beleg
  übernehmen". Ist sie aktiv, landen unsere Rechnungen automatisch unter Belege, einsortiert unter
  "Software & Lizenzen".

== billing-vat-id | in | billing | kb-010 | 6 | 2 | any
S.en: VAT number on your invoices
S.en[reverse]: Reverse charge?
S.en[add]: Add VAT ID
S.de: USt-IdNr. hinterlegen
S.de[reverse]: Reverse Charge
S.de[add]: USt-IdNr. fehlt auf der Rechnung
Q.en[add]: Our VAT number isn't on your invoices, so our accountant can't reclaim the VAT. Where do
  I add it?
Q.en[reverse]: We're based in {eu_country} and registered for VAT. Why are you charging us VAT
  instead of using reverse charge?
Q.en[germany]: I added our German VAT ID but you're still adding 19% on top. Shouldn't that be 0
  now?
Q.en[retro]: Just added our VAT ID. Can you reissue the invoices from the last few months with it
  on them?
Q.en[vies]: Trying to save our VAT ID and it says "VAT ID could not be verified". The number is
  definitely right, it's {vat_id}.
Q.en[uk]: We're a UK limited company. Will adding our VAT number change what we pay?
Q.de[add]: Wo kann ich unsere USt-IdNr. eintragen, damit sie auf Ihren Rechnungen steht?
Q.de[add]: Mein Steuerberater sagt, auf den Quillbox-Rechnungen fehlt unsere Umsatzsteuer-ID. Wie
  bekomme ich die drauf?
Q.de[germany]: Wir haben die USt-IdNr. hinterlegt, trotzdem berechnen Sie 19 % Mehrwertsteuer.
  Müsste das nicht Reverse Charge sein?
Q.de[retro]: Können Sie die Rechnungen der letzten Monate noch einmal mit unserer USt-IdNr.
  ausstellen?
Q.de[vies]: Beim Speichern der USt-IdNr. kommt die Meldung, dass sie nicht geprüft werden konnte.
  Die Nummer stimmt aber: {vat_id}.
Q.de[reverse]: Wir sitzen in Österreich und haben eine UID-Nummer. Warum zahlen wir deutsche
  Umsatzsteuer?
R.en[add]: Please add it under Settings → Billing → Billing details, including the country prefix
  (for example DE or GB). From then on it appears on every new invoice; the ones we've already
  issued stay as they are.
R.en[reverse]: With a valid VAT ID from another EU country we apply reverse charge and charge 0%
  VAT. Please enter the number with its country prefix under Settings → Billing → Billing details;
  we check it against VIES straight away, and your next invoice is issued without VAT.
R.en[germany]: For businesses in Germany we always charge 19% German VAT, with or without a VAT ID;
  reverse charge only applies to businesses in other EU countries. The VAT is shown on the invoice,
  so you can reclaim it as input tax.
R.en[retro]: Sorry, we can't alter invoices that have already been issued. The VAT ID is on
  everything issued after you saved it, so it'll be there from your next invoice onwards.
R.en[vies]: That message means the EU's VIES service couldn't be reached to confirm the number, not
  that it's wrong. Some member states' VIES systems go offline for a few hours now and then, so
  please try again later today.
R.en[uk]: UK accounts always pay 20% UK VAT, so adding your VAT number doesn't change the amount.
  It is printed on the invoice, though, so you can reclaim the VAT on your return.
R.de[add]: Tragen Sie die USt-IdNr. bitte mit Länderkennung, also zum Beispiel DE123456789, unter
  Einstellungen → Abrechnung → Rechnungsdaten ein. Sie erscheint dann auf allen Rechnungen, die
  nach dem Speichern erstellt werden.
R.de[germany]: Für Unternehmen in Deutschland berechnen wir immer 19 % deutsche Umsatzsteuer,
  unabhängig von der USt-IdNr. Reverse Charge gilt nur für Unternehmen in anderen EU-Ländern. Die
  Steuer ist auf der Rechnung ausgewiesen, Sie können sie also als Vorsteuer abziehen.
R.de[retro]: Bereits ausgestellte Rechnungen können wir nachträglich nicht mehr ändern. Die
  USt-IdNr. steht auf allen Rechnungen, die nach dem Speichern erstellt werden, also ab der
  nächsten Abbuchung.
R.de[vies]: Die Meldung bedeutet, dass der EU-Dienst VIES die Nummer gerade nicht bestätigen
  konnte, nicht dass sie falsch ist. Einzelne Mitgliedstaaten sind dort manchmal für ein paar
  Stunden nicht erreichbar. Bitte versuchen Sie es später noch einmal.
R.de[reverse]: Mit einer gültigen UID-Nummer aus Österreich berechnen wir 0 % im
  Reverse-Charge-Verfahren. Tragen Sie die Nummer mit Länderkennung (ATU...) unter Einstellungen →
  Abrechnung → Rechnungsdaten ein; wir prüfen sie sofort über VIES, und ab der nächsten Rechnung
  entfällt die deutsche Umsatzsteuer.

== billing-cancel | in | billing | kb-011 | 6 | 3 | any
S.en: Cancel subscription
S.en: How do I cancel?
S.en[data]: What happens to my data after cancelling
S.de: Kündigung
S.de: Abo kündigen
S.de[data]: Daten nach der Kündigung
Q.en[how]: I'm retiring at the end of {month_now} and need to cancel Quillbox. How does that work?
Q.en[how]: Please cancel my subscription. I've found the button but want to know if I lose access
  immediately.
Q.en[data]: If I cancel, how long can I still get at my invoices? I need them for my tax return
  next year.
Q.en[data]: What happens to our data after cancelling? Do you delete it straight away?
Q.en[undo]: I cancelled last week in a moment of frustration. Can I take it back?
Q.en[refund]: We're on annual billing and want to stop using Quillbox. Do we get the unused months
  back?
Q.de[how]: Ich möchte mein Quillbox-Abo kündigen, weil ich mein Gewerbe abmelde. Wie geht das?
Q.de[how]: Zu wann kann ich kündigen, und kann ich bis dahin noch Rechnungen schreiben?
Q.de[data]: Was passiert nach der Kündigung mit meinen Rechnungen? Ich muss die ja zehn Jahre
  aufbewahren.
Q.de[data]: Werden unsere Daten nach der Kündigung sofort gelöscht?
Q.de[undo]: Ich habe versehentlich gekündigt. Kann ich das rückgängig machen?
Q.de[refund]: Wir zahlen jährlich. Bekommen wir bei einer Kündigung jetzt den Rest erstattet?
R.en[how]: As the account owner you can cancel under Settings → Billing → Cancel subscription.
  Nothing changes straight away: the cancellation takes effect at the end of your current billing
  period, and until then you can use Quillbox as usual.
R.en[data]: After the subscription ends, your account stays read-only for 90 days, so you can sign
  in, view everything and export it under Settings → Data → Export all data. After those 90 days
  everything is deleted. Since you need to keep invoices for 10 years in Germany (6 in the UK),
  please export them before then.
R.en[undo]: Of course: until the end of the billing period you can undo it under Settings →
  Billing → Resume subscription. Nothing else changes, your plan simply continues.
R.en[refund]: We don't refund the current period pro rata, but your plan stays fully active until
  the end of the year you've paid for. Remember to export your data within 90 days after it ends,
  because the account is deleted after that.
R.de[how]: Kündigen können Sie als Kontoinhaber unter Einstellungen → Abrechnung → Abo kündigen.
  Die Kündigung wird zum Ende des laufenden Abrechnungszeitraums wirksam; bis dahin können Sie ganz
  normal Rechnungen schreiben.
R.de[data]: Nach dem Ende des Abos bleibt Ihr Konto 90 Tage lang im Lesemodus erhalten. In dieser
  Zeit können Sie sich anmelden und unter Einstellungen → Daten → Alle Daten exportieren alles
  herunterladen. Danach löschen wir das Konto endgültig; exportieren Sie Ihre Rechnungen also wegen
  der zehnjährigen Aufbewahrungspflicht rechtzeitig.
R.de[undo]: Kein Problem: Bis zum Ende des Abrechnungszeitraums können Sie die Kündigung unter
  Einstellungen → Abrechnung → Abo fortsetzen zurücknehmen.
R.de[refund]: Eine anteilige Erstattung für den laufenden Zeitraum gibt es nicht, dafür bleibt Ihr
  Tarif bis zum Ende des bezahlten Jahres voll nutzbar. Danach haben Sie noch 90 Tage Zeit, Ihre
  Daten zu exportieren.

== billing-plans | in | billing | kb-012 | 4 | 2 | any
S.en[which]: Which plan do I need?
S.en[limit]: Invoice limit reached?
S.en: Question about prices
S.de[which]: Welcher Tarif passt?
S.de[limit]: Rechnungslimit erreicht
S.de: Frage zu den Preisen
Q.en[which]: I'm a self-employed {job} and send maybe 10 invoices a month. Which plan would you
  recommend, and what does it cost?
Q.en[probiz]: What's the difference between Pro and Business apart from the price? We're {users_n}
  people.
Q.en[annual]: Do you have a yearly price? Monthly is a bit pricey for a one-person business.
Q.en[trial]: Do I need to enter card details for the trial? And which plan is the trial on?
Q.en[limit]: It says I've hit the invoice limit. I didn't know there was one! I need to send two
  more this month.
Q.en[limit]: Is there a cap on how many invoices I can create on Starter?
Q.de[which]: Ich bin selbstständig im Bereich {job} und schreibe etwa 15 Rechnungen im Monat.
  Welcher Tarif passt?
Q.de[probiz]: Was genau ist in Business mehr drin als in Pro?
Q.de[annual]: Gibt es einen Rabatt bei jährlicher Zahlung?
Q.de[trial]: Muss ich für den Testzeitraum eine Kreditkarte angeben?
Q.de[limit]: Ich kann keine Rechnung mehr festschreiben, angeblich ist das Limit erreicht. Was
  heißt das?
Q.de[limit]: Wie viele Rechnungen darf ich im Starter-Tarif pro Monat schreiben?
R.en[which]: With around 10 invoices a month, Starter would be enough: it includes 1 user, up to 20
  invoices per calendar month and 1 bank connection for {starter_price} a month plus VAT. If you'd
  like recurring invoices, automatic reminders or e-invoices, go for Pro at {pro_price}.
R.en[probiz]: Business adds single sign-on, unlimited bank connections, custom roles, 10 included
  users instead of 3 and priority support with a first response within 4 business hours. Pro
  already has unlimited invoices, DATEV export, e-invoices and API access. Extra users cost
  {seat_price} each per month on both plans.
R.en[annual]: Yes: with annual billing you pay for 10 months and get 12, so two months are free.
  You can switch under Settings → Billing → Change plan.
R.en[trial]: No card needed. Every new account starts with a free 30-day trial of the Business
  plan, so you can try everything; you only choose a plan and enter payment details when you want
  to continue.
R.en[limit]: On Starter you can finalise up to 20 invoices per calendar month. You can still save
  drafts and finalise them from the 1st of next month, or upgrade to Pro, which has no invoice
  limit and takes effect immediately.
R.de[which]: Bei rund 15 Rechnungen im Monat reicht Starter: 1 Benutzer, bis zu 20 Rechnungen pro
  Kalendermonat und 1 Bankkonto für {starter_price} im Monat zzgl. USt. Wenn Sie wiederkehrende
  Rechnungen, automatische Mahnungen oder den DATEV-Export brauchen, nehmen Sie Pro für
  {pro_price}.
R.de[probiz]: Business bietet zusätzlich Single Sign-on, unbegrenzt viele Bankverbindungen, eigene
  Rollen, 10 statt 3 enthaltene Benutzer und bevorzugten Support mit einer ersten Antwort innerhalb
  von 4 Geschäftsstunden. Unbegrenzte Rechnungen, E-Rechnungen, DATEV-Export und API-Zugang haben
  Sie bereits in Pro.
R.de[annual]: Ja, bei jährlicher Zahlung zahlen Sie 10 Monate und nutzen Quillbox 12 Monate, zwei
  Monate sind also gratis. Umstellen können Sie unter Einstellungen → Abrechnung → Tarif ändern.
R.de[trial]: Nein, für den 30-tägigen Test brauchen Sie keine Zahlungsdaten. Sie testen dabei den
  Business-Tarif mit allen Funktionen und entscheiden erst danach, welchen Tarif Sie buchen.
R.de[limit]: Starter ist auf 20 festgeschriebene Rechnungen pro Kalendermonat begrenzt. Entwürfe
  können Sie weiterhin speichern und ab dem 1. des Folgemonats festschreiben, oder Sie wechseln auf
  Pro, dort gibt es keine Grenze.

== invoicing-create | in | invoicing | kb-013 | 4 | 2 | any
S.en[first]: First invoice
S.en[edit]: Can't edit a sent invoice
S.en: Question about creating invoices
S.de[first]: Erste Rechnung
S.de[edit]: Rechnung lässt sich nicht bearbeiten
S.de: Frage zur Rechnungserstellung
Q.en[first]: Just signed up. What's the quickest way to get my first invoice out to {client}?
Q.en[edit]: I sent invoice {inv_no} with the wrong hourly rate. Why can't I edit it anymore?
Q.en[edit]: Can I delete an invoice I finalised by accident? It's not been paid and the customer
  doesn't need it.
Q.en[vat]: How do I put {vat_low}% VAT on one line and {vat_std}% on another in the same invoice?
  It's for {client}.
Q.en[terms]: All my invoices say payment is due in 14 days, but I want 30 for everyone. Where do I
  change that?
Q.en[opened]: Is there a way to see if {client} actually opened the invoice email?
Q.de[first]: Ich habe gerade angefangen. Wie schicke ich meine erste Rechnung an {client}?
Q.de[edit]: In Rechnung {inv_no} ist der Stundensatz falsch. Warum kann ich sie nicht mehr
  bearbeiten?
Q.de[edit]: Ich habe eine Rechnung aus Versehen festgeschrieben. Kann ich die wieder löschen?
Q.de[vat]: Wie kann ich auf einer Rechnung Positionen mit {vat_low} % und {vat_std} %
  Mehrwertsteuer mischen?
Q.de[terms]: Wo stelle ich das Zahlungsziel standardmäßig auf 30 Tage statt 14?
Q.de[opened]: Kann ich irgendwo sehen, ob der Kunde meine Rechnung geöffnet hat?
R.en[first]: Go to Invoices → New invoice, choose {client} (or create them with New customer), add
  your line items and click Finalise & send. Quillbox assigns the invoice number, attaches the PDF
  and opens the email dialog, where you can adjust the text before sending.
R.en[edit]: Once an invoice is finalised it can't be edited or deleted, because German and UK
  rules require unchanged records. The fix is to create a credit note for it and then issue a new,
  corrected invoice. Next time, Save draft lets you check everything before finalising.
R.en[vat]: You choose the VAT rate per line item, so mixing is no problem: pick {vat_low}% on one
  line and {vat_std}% on the other, and the invoice shows both rates separately in the totals.
R.en[terms]: The 14-day default can be changed under Settings → Invoicing → Defaults. Set it to 30
  days there and all new invoices use it; you can still change it on individual invoices.
R.en[opened]: Yes, open the invoice and look at the Activity panel: it shows when the email was sent
  and whether the customer opened it.
R.de[first]: Unter Rechnungen → Neue Rechnung wählen Sie {client} aus oder legen den Kunden über
  "Neuer Kunde" an, fügen die Positionen hinzu und klicken auf "Festschreiben & senden". Quillbox
  vergibt die Rechnungsnummer, hängt das PDF an und öffnet den E-Mail-Dialog.
R.de[edit]: Eine festgeschriebene Rechnung lässt sich aus rechtlichen Gründen nicht mehr ändern
  oder löschen. Erstellen Sie stattdessen über "Weitere Aktionen → Stornieren" eine Stornorechnung
  und danach eine neue, korrigierte Rechnung.
R.de[vat]: Den Steuersatz wählen Sie pro Position, Sie können also {vat_low} % und {vat_std} % auf
  derselben Rechnung kombinieren. In der Summe werden beide Steuerbeträge getrennt ausgewiesen.
R.de[terms]: Das Standard-Zahlungsziel ändern Sie unter Einstellungen → Rechnungsstellung →
  Standardwerte. Neue Rechnungen übernehmen dann 30 Tage; bei einzelnen Rechnungen können Sie es
  weiterhin anpassen.
R.de[opened]: Ja, in der Rechnung sehen Sie im Bereich "Aktivität", wann die E-Mail verschickt und
  ob sie geöffnet wurde.

== invoicing-recurring | in | invoicing | kb-014 | 6 | 3 | any
S.en: Recurring invoices
S.en[setup]: Monthly invoice automatically?
S.en[pause]: Pause a recurring invoice
S.de: Wiederkehrende Rechnung
S.de[setup]: Monatliche Rechnung automatisch erstellen
S.de[pause]: Serie pausieren
Q.en[setup]: I bill {client} the same amount every month for {product}. Can Quillbox do that
  automatically?
Q.en[setup]: Is it possible to have the month name in the line item change by itself on each
  recurring invoice?
Q.en[send]: What time do recurring invoices go out? Customers got ours at 6 in the morning, which
  looks a bit odd.
Q.en[change]: I'm putting up my rates from {month_now}. If I edit the recurring invoice, will it
  change the ones already sent?
Q.en[pause]: {client} is closed for {n} months for renovation. Can I pause their monthly invoice
  without deleting it?
Q.en[plan]: I can't find recurring invoices anywhere. Is it a paid extra? We're on Starter.
Q.de[setup]: Ich stelle {client} jeden Monat denselben Betrag für {product} in Rechnung. Kann ich
  das automatisieren?
Q.de[setup]: Kann ich eine vierteljährliche Rechnung anlegen, die nach 8 Rechnungen automatisch
  endet?
Q.de[send]: Werden wiederkehrende Rechnungen automatisch verschickt, oder muss ich jede selbst
  freigeben?
Q.de[change]: Wenn ich den Betrag in der Vorlage ändere, ändern sich dann auch die schon
  erstellten Rechnungen?
Q.de[pause]: Ein Kunde hat den Wartungsvertrag für {n} Monate ausgesetzt. Wie pausiere ich die
  Rechnungen?
Q.de[plan]: Im Menü gibt es bei mir keinen Punkt "Wiederkehrend". Wir haben den Starter-Tarif.
R.en[setup]: Yes, that's what recurring invoices are for. Go to Invoices → Recurring → New
  recurring invoice, choose the customer and line items, set the interval (weekly up to yearly)
  and a start date. You can use [Month] and [Year] in the text, and they're replaced with the
  right month each time.
R.en[send]: Each recurring invoice is created at 6:00 German time on its due day. If you'd rather
  check them first, switch off "Send automatically" on the template; Quillbox then creates a draft
  that you review and send yourself.
R.en[change]: Changes to the template only affect future invoices. Anything already created stays
  exactly as it was, so you can update the rate now and the next invoice will use it.
R.en[pause]: Open the recurring invoice and click Pause. Nothing is created while it's paused, and
  dates that fall into the pause aren't made up later. When {client} reopens, just resume it.
R.en[plan]: Recurring invoices are part of Pro and Business, so they don't show up on Starter. If
  you upgrade under Settings → Billing → Change plan, you'll see Invoices → Recurring straight
  away.
R.de[setup]: Ja, dafür gibt es wiederkehrende Rechnungen unter Rechnungen → Wiederkehrend → Neue
  wiederkehrende Rechnung. Dort wählen Sie Kunde, Positionen, Intervall (wöchentlich bis jährlich)
  und Startdatum sowie optional ein Enddatum oder eine Anzahl von Rechnungen.
R.de[send]: Sie haben die Wahl: Mit "Automatisch versenden" geht jede Rechnung am Fälligkeitstag
  um 6:00 Uhr per E-Mail raus. Ohne diese Option legt Quillbox einen Entwurf an, den Sie prüfen und
  selbst versenden.
R.de[change]: Nein, eine geänderte Vorlage wirkt sich nur auf die Rechnungen aus, die ab jetzt
  erstellt werden. Alles, was bereits erzeugt wurde, bleibt so, wie es ist.
R.de[pause]: Öffnen Sie die Vorlage und klicken Sie auf "Pausieren". Während der Pause werden
  keine Rechnungen erstellt, ausgefallene Termine werden auch nicht nachgeholt. Danach setzen Sie
  die Serie einfach fort.
R.de[plan]: Wiederkehrende Rechnungen sind in Pro und Business enthalten, deshalb fehlt der
  Menüpunkt im Starter-Tarif. Nach einem Upgrade steht er sofort zur Verfügung.

== invoicing-reminders | in | invoicing | kb-015 | 6 | 3 | any
S.en: Automatic payment reminders
S.en[fee]: Late fee on reminders
S.en[stop]: Stop reminders for one customer
S.de: Zahlungserinnerung
S.de: Automatische Mahnungen
S.de[fee]: Mahngebühr
Q.en[setup]: A few customers always pay late. Can Quillbox chase them for me automatically?
Q.en[fee]: Can I add a late fee to the second reminder? Something like {fee}.
Q.en[stop]: {client} pays by standing order on the 1st and gets annoyed by reminders. Can I switch
  them off just for this customer?
Q.en[stop]: A customer paid in cash but still got a final notice yesterday. How do I stop that
  from happening?
Q.en[notsent]: Invoice {inv_no} is overdue but no reminder went out. Reminders are switched on.
Q.en[starter]: Where's the reminder setting? I'm on Starter and only see a "send reminder" option
  on each invoice.
Q.de[setup]: Kann Quillbox automatisch Zahlungserinnerungen verschicken, wenn Kunden nicht zahlen?
Q.de[fee]: Wie kann ich ab der zweiten Mahnung eine Mahngebühr von {fee} berechnen?
Q.de[stop]: Bei {client} möchte ich keine automatischen Mahnungen, die zahlen immer per
  Dauerauftrag. Geht das pro Kunde?
Q.de[stop]: Ein Kunde hat bar bezahlt und trotzdem eine Mahnung bekommen. Wie verhindere ich das?
Q.de[notsent]: Die Rechnung {inv_no} ist seit {days} Tagen überfällig, aber es ging keine
  Erinnerung raus. Woran liegt das?
Q.de[starter]: Ich finde keine Einstellung für automatische Mahnungen. Liegt das an meinem Tarif?
R.en[setup]: Yes. Under Settings → Invoicing → Reminders, switch on Automatic reminders. By
  default the friendly reminder goes out 7 days after the due date, the first dunning notice after
  14 days and the final notice after 28 days; you can change the days and texts of each level.
R.en[fee]: You can add a fixed fee such as {fee} to levels 2 and 3 under Settings → Invoicing →
  Reminders, and optionally statutory interest. Quillbox shows them as separate lines on the
  reminder; level 1 is always free of charge.
R.en[stop]: Open the customer and switch off "Send automatic reminders", then nothing goes to them
  any more. For a single invoice there's More → Pause reminders. And once an invoice is marked as
  paid, reminders stop automatically.
R.en[stop]: The reminder went out because the invoice was still open in Quillbox. When a customer
  pays in cash, mark the invoice as paid; from then on no further reminders are sent.
R.en[notsent]: Reminders are only sent for invoices that are finalised and marked as sent, and by
  default the first one goes out 7 days after the due date, at 9:00 on a weekday. Please check that
  {inv_no} is marked as sent and that reminders aren't paused for that customer or invoice.
R.en[starter]: Automatic reminders are included in Pro and Business. On Starter you send reminders
  manually from the invoice via More → Send reminder, which is the option you're seeing.
R.de[setup]: Ja, unter Einstellungen → Rechnungsstellung → Mahnungen aktivieren Sie "Automatische
  Mahnungen". Standardmäßig geht 7 Tage nach Fälligkeit eine freundliche Erinnerung raus, nach 14
  Tagen die erste Mahnung und nach 28 Tagen die letzte Mahnung; Fristen und Texte können Sie
  anpassen.
R.de[fee]: Für die Stufen 2 und 3 hinterlegen Sie unter Einstellungen → Rechnungsstellung →
  Mahnungen eine feste Gebühr, etwa {fee}, und auf Wunsch Verzugszinsen. Beides erscheint als
  eigene Zeile auf der Mahnung.
R.de[stop]: Öffnen Sie den Kunden und schalten Sie "Automatische Mahnungen senden" aus. Für eine
  einzelne Rechnung gibt es "Weitere Aktionen → Mahnungen pausieren". Sobald eine Rechnung als
  bezahlt markiert ist, gehen ohnehin keine Mahnungen mehr raus.
R.de[notsent]: Mahnungen gehen nur für festgeschriebene Rechnungen raus, die als versendet
  markiert sind, und die erste Erinnerung standardmäßig erst 7 Tage nach Fälligkeit, werktags um
  9:00 Uhr. Prüfen Sie bitte, ob das bei {inv_no} zutrifft und ob die Mahnungen für den Kunden
  pausiert sind.
R.de[starter]: Automatische Mahnungen gibt es ab dem Tarif Pro. Im Starter-Tarif verschicken Sie
  Erinnerungen manuell über "Weitere Aktionen → Erinnerung senden" in der jeweiligen Rechnung.

== invoicing-credit-notes | in | invoicing | kb-016 | 7 | 5 | any
S.en[cancel]: Cancel an invoice
S.en: Credit note
S.en[partial]: Partial refund to a customer
S.de[cancel]: Rechnung stornieren
S.de: Gutschrift erstellen
S.de[cancel]: Stornorechnung
Q.en[cancel]: I invoiced {client} twice for the same job by mistake. How do I cancel the second
  invoice properly?
Q.en[cancel]: What's the right way to cancel an invoice in Quillbox? My accountant says I can't
  just delete it.
Q.en[partial]: The customer is unhappy with part of the work and we agreed on a discount of
  {amount}. How do I reduce invoice {inv_no}?
Q.en[partial]: One item on the invoice was returned. Do I need to cancel the whole invoice, or can
  I credit just that line?
Q.en[number]: Credit notes get a different number than my invoices. Can they use the same
  sequence?
Q.en[delete]: I made a credit note for the wrong invoice. How do I delete it?
Q.de[cancel]: Ich habe {client} versehentlich zweimal dieselbe Leistung berechnet. Wie storniere
  ich die zweite Rechnung richtig?
Q.de[cancel]: In einer Rechnung ist die Anschrift falsch. Wie korrigiere ich das, ohne Ärger mit
  den GoBD zu bekommen?
Q.de[partial]: Wir haben dem Kunden nachträglich {amount} Rabatt gewährt. Wie bilde ich das auf
  Rechnung {inv_no} ab?
Q.de[partial]: Der Kunde hat eine Position zurückgegeben. Muss ich deswegen die ganze Rechnung
  stornieren?
Q.de[number]: Warum haben Gutschriften einen eigenen Nummernkreis? Kann ich das Format ändern?
Q.de[delete]: Ich habe eine Gutschrift zur falschen Rechnung erstellt. Wie lösche ich die wieder?
R.en[cancel]: Open the invoice and choose More → Cancel. Quillbox creates a cancellation invoice
  over the full amount with a reference to the original number and marks the original as
  cancelled; open reminders stop as well. If you need a corrected version, use Duplicate to create
  the new invoice.
R.en[partial]: You don't need to cancel the whole invoice. Choose More → Create credit note on the
  invoice and keep only the line or amount you want to credit; the open amount of the original is
  reduced accordingly.
R.en[number]: Credit notes have their own number range by default (GS-[YYYY]-[NNNN]), which keeps
  your invoice numbers gap-free. You can change the format under Settings → Invoicing → Number
  ranges, but they stay a separate sequence.
R.en[delete]: Like invoices, credit notes can't be deleted once they're created. To reverse it,
  issue a new invoice over the wrongly credited amount, then create the credit note against the
  correct invoice.
R.de[cancel]: Über "Weitere Aktionen → Stornieren" in der Rechnung erstellt Quillbox automatisch
  eine Stornorechnung über den vollen Betrag mit Verweis auf die ursprüngliche Rechnungsnummer.
  Die Originalrechnung erhält den Status "Storniert". Mit "Duplizieren" legen Sie danach die
  korrigierte Rechnung an.
R.de[cancel]: Festgeschriebene Rechnungen dürfen nach den GoBD nicht mehr geändert oder gelöscht
  werden. Stornieren Sie die Rechnung über "Weitere Aktionen → Stornieren" und erstellen Sie mit
  "Duplizieren" eine neue mit den richtigen Angaben; beide Dokumente sind dann sauber verknüpft.
R.de[partial]: Dafür müssen Sie nicht die ganze Rechnung stornieren: Über "Weitere Aktionen →
  Gutschrift erstellen" passen Sie Positionen und Mengen an oder tragen den Nachlass ein. Der
  offene Betrag der Originalrechnung verringert sich entsprechend.
R.de[number]: Gutschriften haben einen eigenen Nummernkreis, standardmäßig GS-[YYYY]-[NNNN], damit
  Ihre Rechnungsnummern lückenlos bleiben. Das Format ändern Sie unter Einstellungen →
  Rechnungsstellung → Nummernkreise.
R.de[delete]: Eine Gutschrift lässt sich genau wie eine Rechnung nicht löschen. Stellen Sie den
  gutgeschriebenen Betrag mit einer neuen Rechnung wieder in Rechnung und erstellen Sie dann die
  Gutschrift zur richtigen Rechnung.

== invoicing-e-invoice | in | invoicing | kb-017 | 7 | 6 | DE
S.en: E-invoicing question
S.en[authority]: XRechnung for a public authority
S.en[zugferd]: ZUGFeRD invoices
S.de: E-Rechnung
S.de[authority]: XRechnung an eine Behörde
S.de[zugferd]: ZUGFeRD erstellen
S.de[duty]: E-Rechnungspflicht
Q.en[duty]: Do I have to send e-invoices now? I'm a small studio in {city} with mostly business
  clients.
Q.en[authority]: We got a contract from the city council and they want an XRechnung with a
  "Leitweg-ID". How do I do that in Quillbox?
Q.en[zugferd]: A big customer asked for ZUGFeRD invoices from now on. Can Quillbox produce those?
Q.en[error]: I'm trying to finalise an e-invoice and get an error about a missing VAT ID. Where
  does it want it?
Q.en[receive]: A supplier sent me an XML file instead of a PDF. What am I supposed to do with it?
Q.en[plan]: I don't see the e-invoice format option on my customers. Is that a Pro feature?
Q.de[duty]: Ab wann muss ich eigentlich E-Rechnungen verschicken? Wir haben ungefähr {revenue}
  Umsatz im Jahr.
Q.de[duty]: Müssen wir seit Januar 2025 schon E-Rechnungen empfangen können? Unser Steuerberater
  hat so etwas erwähnt.
Q.de[authority]: Das Landratsamt verlangt eine XRechnung mit der Leitweg-ID {leitweg}. Wo trage
  ich die ein?
Q.de[zugferd]: Ein Großkunde will künftig nur noch ZUGFeRD-Rechnungen. Kann ich das bei Quillbox
  pro Kunde einstellen?
Q.de[error]: Beim Festschreiben der E-Rechnung kommt eine Fehlermeldung, dass die Bankverbindung
  fehlt. Wo muss die hin?
Q.de[receive]: Ich habe von einem Lieferanten eine XRechnung als XML bekommen. Wie verarbeite ich
  die in Quillbox?
Q.de[plan]: Die Option Rechnungsformat finde ich beim Kunden nicht. Geht das im Starter-Tarif?
R.en[duty]: Since 1 January 2025 every business in Germany must be able to receive e-invoices, but
  sending is phased in: from 2027 if your previous year's revenue was above EUR 800,000, from
  2028 for everyone. Invoices to private customers aren't affected. Quillbox already creates
  XRechnung and ZUGFeRD on Pro and Business, so you can switch customers over whenever you like.
R.en[authority]: Open the customer and set Invoice format to XRechnung, then enter their
  Leitweg-ID in the Buyer reference field. All new invoices to them are created as XRechnung XML,
  which is the format public authorities require.
R.en[zugferd]: Yes: open the customer and set Invoice format to ZUGFeRD. New invoices to them are
  then created as a normal PDF with the XML data embedded, in line with EN 16931. It's included in
  Pro and Business.
R.en[error]: Before finalising, Quillbox checks all mandatory e-invoice details. The VAT ID (or
  tax number) and your bank details come from Settings → Company details; add them there and save
  the invoice again.
R.en[receive]: Just upload the XML file under Receipts like any other receipt. Quillbox reads
  XRechnung and ZUGFeRD files, shows them in a readable view and fills in the amount, date and VAT
  rate automatically.
R.en[plan]: Yes, e-invoices are part of Pro and Business. Once you've upgraded, the Invoice format
  option appears on each customer.
R.de[duty]: Seit dem 1. Januar 2025 müssen alle Unternehmen E-Rechnungen empfangen können. Beim
  Versand gilt eine Übergangszeit: Ab 2027 sind Unternehmen mit mehr als 800.000 Euro
  Vorjahresumsatz verpflichtet, ab 2028 alle. Rechnungen an Privatkunden sind nicht betroffen.
R.de[duty]: Ja, das Empfangen ist seit dem 1. Januar 2025 Pflicht. Eingehende E-Rechnungen laden
  Sie einfach unter Belege hoch, Quillbox liest XRechnung und ZUGFeRD automatisch aus. Für den
  Versand haben Sie je nach Vorjahresumsatz bis 2027 bzw. 2028 Zeit.
R.de[authority]: Öffnen Sie den Kunden, wählen Sie unter Rechnungsformat "XRechnung" und tragen Sie
  die Leitweg-ID im Feld Käuferreferenz ein. Ab dann erstellt Quillbox jede neue Rechnung an diese
  Behörde als XRechnung.
R.de[zugferd]: Ja, das stellen Sie pro Kunde ein: im Kunden unter Rechnungsformat "ZUGFeRD"
  wählen. Die Rechnungen sind dann normale PDFs mit eingebetteten XML-Daten nach EN 16931.
R.de[error]: Vor dem Festschreiben prüft Quillbox die Pflichtangaben der E-Rechnung. Die
  Bankverbindung gehört in Einstellungen → Firmendaten; ergänzen Sie sie dort und speichern Sie die
  Rechnung erneut.
R.de[receive]: Laden Sie die XML-Datei einfach unter Belege hoch. Quillbox erkennt XRechnung und
  ZUGFeRD, zeigt die Rechnung lesbar an und übernimmt Betrag, Datum und Steuersatz automatisch.
R.de[plan]: E-Rechnungen sind in den Tarifen Pro und Business enthalten. Nach dem Upgrade sehen
  Sie beim Kunden die Auswahl Rechnungsformat.

== invoicing-numbering | in | invoicing | kb-018 | 6 | 3 | any
S.en: Invoice number format
S.en[continue]: Continue numbering from old software
S.en[reset]: Reset invoice numbers each year?
S.de: Rechnungsnummer anpassen
S.de: Nummernkreis
S.de[continue]: Fortlaufende Nummer übernehmen
Q.en[continue]: I'm moving over from {old_tool} and my last invoice was number {last_no}. How do I
  make Quillbox carry on from there?
Q.en[format]: Can the invoice number include the year, like {year}-001?
Q.en[format]: Our numbers look like INV-0042, but my accountant wants the year in there. Where do I
  change it?
Q.en[lower]: I set the next invoice number way too high by accident (typo). How do I put it back?
Q.en[reset]: Is it possible to start from 1 again every January?
Q.en[ranges]: We have two shops and want separate invoice numbers for each. Is that possible?
Q.de[continue]: Wir wechseln von {old_tool} zu Quillbox. Die letzte Rechnung hatte die Nummer
  {last_no}. Wie mache ich fortlaufend weiter?
Q.de[format]: Wie kann ich das Format der Rechnungsnummer ändern? Ich hätte gern Jahr und Monat
  mit drin.
Q.de[lower]: Ich wollte die nächste Nummer auf {last_no} zurücksetzen, aber Quillbox lässt das
  nicht zu. Warum?
Q.de[lower]: Ich habe mich bei der nächsten Rechnungsnummer vertippt, jetzt steht da 90000. Kann
  ich das zurückstellen?
Q.de[reset]: Kann die Nummerierung zum Jahreswechsel wieder bei 1 anfangen?
Q.de[ranges]: Wir haben zwei Standorte und bräuchten getrennte Nummernkreise. Geht das?
R.en[continue]: Go to Settings → Invoicing → Number ranges, open the invoice range and set Next
  number to {next_no}. Your next finalised invoice gets that number, and Quillbox continues
  sequentially from there.
R.en[format]: Under Settings → Invoicing → Number ranges you can combine text with placeholders:
  [YYYY] or [YY] for the year, [MM] for the month and [NNN] or [NNNN] for the running number. For
  example, INV-[YYYY]-[NNN] gives numbers like INV-{year}-001.
R.en[lower]: You can always set the next number higher, but never lower than a number that has
  already been used. If no invoice has been finalised with the high number yet, simply set it back;
  otherwise carry on from there, since numbers only need to be unique and sequential.
R.en[reset]: Yes, tick Restart each year in the number range. This needs the year ([YYYY] or [YY])
  in the format, because otherwise the same numbers would come up again, so add it first if it's
  missing.
R.en[ranges]: Additional invoice number ranges are available on the Business plan: create one per
  location under Settings → Invoicing → Number ranges and pick the range when you create an
  invoice.
R.de[continue]: Unter Einstellungen → Rechnungsstellung → Nummernkreise öffnen Sie den
  Nummernkreis für Rechnungen und setzen "Nächste Nummer" auf {next_no}. Die nächste
  festgeschriebene Rechnung erhält dann diese Nummer.
R.de[format]: Das Format stellen Sie unter Einstellungen → Rechnungsstellung → Nummernkreise ein.
  Neben festem Text gibt es die Platzhalter [YYYY] bzw. [YY] für das Jahr, [MM] für den Monat und
  [NNNN] für die laufende Nummer, zum Beispiel RE-[YYYY]-[MM]-[NNN].
R.de[lower]: Die nächste Nummer können Sie jederzeit erhöhen, aber nie unter eine bereits
  vergebene Nummer setzen. Solange noch keine Rechnung mit der hohen Nummer festgeschrieben wurde,
  lässt sich der Wert einfach wieder korrigieren.
R.de[reset]: Ja, aktivieren Sie im Nummernkreis "Jährlich neu beginnen". Das funktioniert nur,
  wenn das Format [YYYY] oder [YY] enthält, sonst würden sich Nummern wiederholen.
R.de[ranges]: Zusätzliche Nummernkreise für Rechnungen gibt es im Business-Tarif. Dann legen Sie
  pro Standort einen eigenen Kreis an und wählen ihn beim Erstellen der Rechnung aus.

== invoicing-design | in | invoicing | kb-019 | 5 | 2 | any
S.en[logo]: Logo on invoices
S.en: Invoice layout
S.en[language]: Invoices in English for one customer
S.de[logo]: Logo auf der Rechnung
S.de: Rechnungslayout
S.de[language]: Rechnung auf Englisch
Q.en[logo]: My logo looks blurry on the PDF. It's a small JPG from our website.
Q.en[logo]: How do I get our logo and brand colour onto the invoices?
Q.en[logo]: Can I upload an SVG logo? The PNG is over 3 MB.
Q.en[footer]: Where do I add our company registration number and bank details so they show at the
  bottom of the invoice?
Q.en[language]: Most of my clients are German-speaking, but {client} needs invoices in English. Can
  I set that per customer?
Q.en[old]: I updated the design, but last month's invoices still look old when I download them.
  Bug?
Q.de[logo]: Mein Logo wird auf der Rechnung unscharf dargestellt. Welche Größe sollte es haben?
Q.de[logo]: Wie bekomme ich unser Logo und unsere Firmenfarbe auf die Rechnungen?
Q.de[footer]: Wo trage ich Handelsregisternummer und Bankverbindung ein, damit sie in der
  Fußzeile stehen?
Q.de[footer]: Die Steuernummer fehlt auf unseren Rechnungen. Wo muss die rein?
Q.de[language]: Ein Kunde in {city_uk} braucht die Rechnungen auf Englisch. Kann ich das nur für
  diesen Kunden einstellen?
Q.de[old]: Ich habe das Layout geändert, aber alte Rechnungen sehen beim Download noch genauso aus
  wie vorher. Ist das normal?
R.en[logo]: Under Settings → Invoice design you can upload PNG, JPG or SVG up to 2 MB. For a sharp
  result the logo should be at least 600 x 200 pixels, so a small website image will look blurry;
  an SVG is ideal if you have one. You can set your accent colour there too and see the preview
  straight away.
R.en[footer]: The footer is filled from Settings → Company details: company name, address, tax
  number, VAT ID and bank details. Extra text like your company registration number goes into
  Settings → Invoice design, where you also choose what each of the three footer columns shows.
R.en[language]: Yes, open {client} and set Invoice language to English. Their invoices then use the
  English standard texts; line item descriptions stay as you typed them.
R.en[old]: That's intended: a new design only affects invoices you finalise from now on. Each
  finalised invoice is stored as a fixed PDF, so older ones keep the look they had when they were
  issued.
R.de[logo]: Unter Einstellungen → Rechnungsdesign laden Sie PNG, JPG oder SVG bis 2 MB hoch. Damit
  es scharf aussieht, sollte das Logo mindestens 600 x 200 Pixel groß sein, ideal ist eine
  SVG-Datei. Dort wählen Sie auch Akzentfarbe und Schrift.
R.de[footer]: Die Fußzeile wird aus Einstellungen → Firmendaten befüllt: Firmenname, Anschrift,
  Steuernummer, USt-IdNr. und Bankverbindung. Zusätzliche Angaben wie die Handelsregisternummer
  ergänzen Sie unter Einstellungen → Rechnungsdesign als freien Text.
R.de[language]: Ja, öffnen Sie den Kunden und stellen Sie die Rechnungssprache auf Englisch. Die
  Standardtexte kommen dann auf Englisch, Positionsbeschreibungen bleiben so, wie Sie sie
  eingegeben haben.
R.de[old]: Das ist so gewollt: Layoutänderungen gelten für Rechnungen, die danach festgeschrieben
  werden. Bereits festgeschriebene Rechnungen behalten ihr Aussehen, weil das PDF unverändert
  gespeichert wird.

== invoicing-quotes | in | invoicing | kb-020 | 5 | 2 | any
S.en[convert]: Convert quote to invoice
S.en[deposit]: Deposit invoice
S.en: Quotes question
S.de[convert]: Angebot in Rechnung umwandeln
S.de[deposit]: Anzahlungsrechnung
S.de: Frage zu Angeboten
Q.en[convert]: {client} accepted my quote. Do I have to type everything again for the invoice?
Q.en[convert]: How do I turn a quote into an invoice? I can't see an obvious button.
Q.en[deposit]: For bigger jobs I ask for {percent}% upfront. Can I invoice that and then deduct it
  at the end?
Q.en[accept]: Is there a way for customers to accept a quote online rather than emailing me back?
Q.en[accept]: The customer said yes on the phone, but the quote still shows as open. How do I
  change it?
Q.en[validity]: My quotes always say valid for 30 days. Can I change that?
Q.de[convert]: {client} hat das Angebot angenommen. Kann ich daraus direkt eine Rechnung machen?
Q.de[deposit]: Bei größeren Aufträgen verlange ich {percent} % Anzahlung. Wie mache ich eine
  Anzahlungsrechnung und ziehe sie später wieder ab?
Q.de[deposit]: Werden bei der Schlussrechnung die Anzahlungen samt Umsatzsteuer automatisch
  abgezogen?
Q.de[accept]: Können Kunden Angebote auch online annehmen?
Q.de[accept]: Der Kunde hat telefonisch zugesagt. Wie setze ich das Angebot auf angenommen?
Q.de[validity]: Wie ändere ich die Gültigkeit von Angeboten? Standard sind bei mir 30 Tage.
R.en[convert]: No retyping needed: on the accepted quote, click Convert to invoice. You get an
  invoice draft with every line item and the quote number as a reference, which you can still tweak
  before finalising.
R.en[deposit]: Yes. Open the quote, click Create deposit invoice and enter {percent}% or a fixed
  amount. When you later create the final invoice from the quote, Quillbox deducts the deposit
  invoices automatically, VAT included.
R.en[accept]: When you send a quote by email, it includes a link to an online view where your
  customer can click Accept or Decline and leave a comment; you get a notification and the status
  updates automatically. If they accept another way, for example by phone, just set the status on
  the quote yourself.
R.en[validity]: The Valid until date defaults to 30 days after the quote date, but you can change
  it on each quote before you send it.
R.de[convert]: Ja, öffnen Sie das angenommene Angebot und klicken Sie auf "In Rechnung umwandeln".
  Quillbox erstellt einen Rechnungsentwurf mit allen Positionen und Verweis auf die
  Angebotsnummer, den Sie vor dem Festschreiben noch anpassen können.
R.de[deposit]: Im Angebot klicken Sie auf "Anzahlungsrechnung erstellen" und geben einen
  Prozentsatz, zum Beispiel {percent} %, oder einen festen Betrag ein. Erstellen Sie später die
  Schlussrechnung aus dem Angebot, zieht Quillbox die Anzahlungen inklusive Umsatzsteuer
  automatisch ab.
R.de[accept]: Ja, in der Angebotsmail steckt ein Link zur Online-Ansicht, dort kann Ihr Kunde
  annehmen oder ablehnen und einen Kommentar hinterlassen. Bei einer telefonischen Zusage setzen
  Sie den Status im Angebot einfach selbst auf "Angenommen".
R.de[validity]: Das Feld "Gültig bis" steht standardmäßig auf 30 Tage nach dem Angebotsdatum. Sie
  können es in jedem Angebot vor dem Versand anpassen.

== invoicing-online-payments | in | invoicing | kb-021 | 5 | 2 | any
S.en: Online payment for my customers
S.en[qr]: QR code on invoices
S.en: Pay now button
S.de: Online bezahlen
S.de[qr]: QR-Code auf der Rechnung
S.de[stripe]: Stripe verbinden
Q.en[stripe]: Can my clients pay invoices by card? Lots of them keep asking.
Q.en[stripe]: Does the pay button support Apple Pay? Half my customers are on iPhones.
Q.en[fees]: If I connect Stripe, do you take a cut of each payment on top of Stripe's fees?
Q.en[fees]: When does the money from online payments actually reach my bank account?
Q.en[status]: A customer paid through the Pay now button. Do I need to mark the invoice as paid
  myself?
Q.en[qr]: What is the square code at the bottom of my invoices? A customer asked me.
Q.de[stripe]: Können meine Kunden Rechnungen auch direkt online mit Karte bezahlen?
Q.de[fees]: Was kostet die Online-Zahlung? Verdient Quillbox daran mit?
Q.de[fees]: Wann kommt das Geld aus den Online-Zahlungen auf meinem Konto an?
Q.de[status]: Muss ich Rechnungen als bezahlt markieren, wenn der Kunde über "Jetzt bezahlen"
  gezahlt hat?
Q.de[qr]: Kann ich den QR-Code auf den Rechnungen ausblenden? Ein Kunde war irritiert.
Q.de[qr]: Wie bekomme ich einen GiroCode auf meine Rechnungen, damit Kunden per Banking-App zahlen
  können?
R.en[stripe]: Yes. Connect Stripe under Settings → Integrations → Online payments, and every invoice
  email and online invoice view gets a Pay now button. Customers can then pay by card, Apple Pay,
  Google Pay or SEPA Direct Debit.
R.en[fees]: Quillbox doesn't add anything on top; only Stripe's own fees apply. Payouts reach your
  bank account on your Stripe payout schedule, usually within 2 to 7 days.
R.en[status]: No, online payments mark the invoice as paid automatically and reminders stop. If
  you use the bookkeeping features, the Stripe fee is also booked as an expense for you.
R.en[qr]: That's a GiroCode (EPC QR code), which Quillbox adds to invoices of German accounts. When
  your customer scans it with their banking app, amount, IBAN and reference are pre-filled. If you'd
  rather not have it, turn it off under Settings → Invoice design → Show payment QR code.
R.de[stripe]: Ja, verbinden Sie dazu Stripe unter Einstellungen → Integrationen →
  Online-Zahlungen. Danach enthält jede Rechnungsmail einen Button "Jetzt bezahlen", und Ihre
  Kunden zahlen per Karte, Apple Pay, Google Pay oder SEPA-Lastschrift.
R.de[fees]: Quillbox verlangt dafür nichts zusätzlich, es fallen nur die Gebühren von Stripe an.
  Die Auszahlung auf Ihr Konto erfolgt nach Ihrem Stripe-Auszahlungsplan, meist nach 2 bis 7
  Tagen.
R.de[status]: Nein, bei Online-Zahlungen wird die Rechnung automatisch als bezahlt markiert, und
  Mahnungen werden gestoppt.
R.de[qr]: Der GiroCode wird bei deutschen Konten automatisch auf jede Rechnung gedruckt, sofern in
  den Firmendaten eine IBAN hinterlegt ist. Ausblenden können Sie ihn unter Einstellungen →
  Rechnungsdesign → Zahlungs-QR-Code anzeigen.

== bookkeeping-bank-sync | in | bookkeeping | kb-022 | 7 | 4 | any
S.en[connect]: Connect bank account
S.en[history]: Older transactions missing
S.en: Bank sync question
S.de[connect]: Bankkonto verbinden
S.de[history]: Ältere Umsätze fehlen
S.de: Frage zur Synchronisierung
Q.en[connect]: Is {bank} supported? I want to connect our business account.
Q.en[connect]: Do you store my online banking password when I connect {bank}? Our accountant is a
  bit nervous about it.
Q.en[frequency]: How often does Quillbox pull new transactions? A payment from this morning isn't
  showing yet.
Q.en[history]: I connected my bank last week but only see transactions from the last three months.
  I need everything since January.
Q.en[pending]: My card payments show up in my banking app but not in Quillbox. Why is that?
Q.en[limit]: I tried to add a second bank account and it asks me to upgrade. We're on Starter.
Q.de[connect]: Kann ich mein Geschäftskonto bei der {bank} mit Quillbox verbinden?
Q.de[connect]: Speichert Quillbox meine Zugangsdaten zum Online-Banking?
Q.de[frequency]: Wie oft werden die Umsätze abgerufen? Eine Zahlung von heute früh fehlt noch.
Q.de[history]: Nach dem Verbinden sehe ich nur die letzten 90 Tage. Wie bekomme ich die älteren
  Umsätze rein?
Q.de[pending]: Vorgemerkte Umsätze tauchen bei Quillbox nicht auf. Ist das ein Fehler?
Q.de[limit]: Wie viele Bankkonten kann ich im Pro-Tarif verbinden? Wir haben {n} Konten.
R.en[connect]: Yes, we support over 3,000 banks in Germany and the UK. Go to Banking → Connect
  account, search for your bank, sign in with your online banking details and confirm with your TAN
  or banking app. Quillbox doesn't store your login details; the connection runs through a licensed
  account information service under PSD2.
R.en[frequency]: Transactions are fetched automatically four times a day, and you can trigger an
  extra fetch with Sync now on the Banking page. Some banks only deliver transactions once they're
  booked, so a payment from this morning can take a little while to show up.
R.en[history]: The first fetch imports the last 90 days. For older transactions, download a CAMT
  or CSV file from your online banking and import it under Banking → Import transactions.
R.en[pending]: Pending transactions that haven't been booked yet aren't imported. They show up
  automatically as soon as your bank books them, which for card payments usually takes a few days.
R.en[limit]: Starter includes 1 connected bank account, Pro 5 and Business as many as you like. To
  add a second account you'd need to move to Pro.
R.de[connect]: Ja, wir unterstützen über 3.000 Banken in Deutschland und Großbritannien. Unter
  Banking → Konto verbinden suchen Sie Ihre Bank, melden sich mit Ihren Online-Banking-Daten an und
  bestätigen mit Ihrem TAN-Verfahren. Ihre Bank-Zugangsdaten landen dabei nicht bei uns, die
  Anbindung läuft über einen nach PSD2 zugelassenen Kontoinformationsdienst.
R.de[frequency]: Quillbox ruft Ihre Umsätze viermal täglich automatisch ab. Mit "Jetzt
  synchronisieren" starten Sie jederzeit einen zusätzlichen Abruf. Manche Banken liefern Umsätze
  erst, wenn sie gebucht sind.
R.de[history]: Beim ersten Abruf kommen die Umsätze der letzten 90 Tage. Ältere Umsätze laden Sie
  als CAMT- oder CSV-Datei aus Ihrem Online-Banking herunter und importieren sie unter Banking →
  Umsätze importieren.
R.de[pending]: Das ist so vorgesehen: Vorgemerkte Umsätze übernehmen wir nicht, sondern erst die
  gebuchten. Sobald Ihre Bank den Umsatz bucht, erscheint er automatisch in Quillbox.
R.de[limit]: Im Pro-Tarif können Sie bis zu 5 Bankkonten verbinden, in Business beliebig viele. Im
  Starter-Tarif ist es 1 Konto.

== bookkeeping-bank-reconnect | in | bookkeeping | kb-023 | 8 | 4 | any
S.en: Bank connection expired
S.en: Bank stopped syncing
S.en[why]: Why do I have to reconnect my bank?
S.de: Bankverbindung abgelaufen
S.de: Keine neuen Umsätze mehr
S.de[why]: Ständig Bank neu bestätigen?
Q.en[renew]: The bank account in Quillbox has a red "Connection expired" badge and nothing new has
  come in since {date}. What do I do?
Q.en[renew]: Got an email saying the consent for our bank connection runs out in 7 days. Is this
  legit, and what do I need to do?
Q.en[why]: Why do I keep having to reconnect {bank}? This is the second time this year.
Q.en[why]: Every few months the bank sync just stops and I have to log in to my bank again. Is that
  normal?
Q.en[other_user]: Our old office manager connected the bank account and has since left. Now it
  wants renewing and I can't do it. Help?
Q.en[missing]: I renewed the bank connection after about {weeks} weeks. Will the missing
  transactions come through, or do I have to add them by hand?
Q.de[renew]: Bei unserem Bankkonto steht "Verbindung abgelaufen", und es kommen keine Umsätze mehr.
  Was muss ich machen?
Q.de[renew]: Ich habe eine Mail bekommen, dass die Bankfreigabe in 7 Tagen abläuft. Wie verlängere
  ich die?
Q.de[renew]: Seit ein paar Tagen zeigt Quillbox beim Konto einen gelben Hinweis "Erneuerung
  erforderlich". Was bedeutet das?
Q.de[why]: Warum muss ich die Verbindung zur {bank} ständig neu bestätigen? Das nervt.
Q.de[other_user]: Die Bankverbindung hat ein ehemaliger Mitarbeiter eingerichtet. Ich kann sie
  jetzt nicht erneuern. Was tun?
Q.de[missing]: Die Verbindung war {weeks} Wochen abgelaufen, jetzt habe ich sie erneuert. Fehlen
  mir die Umsätze aus der Zeit?
R.en[renew]: Banks only allow access for a limited time, so the connection needs confirming again.
  Go to Banking, click the account with the badge, choose Renew connection and confirm with your
  TAN or banking app. Afterwards Quillbox fetches the transactions you missed, up to 90 days back.
R.en[renew]: Yes, that email is genuine: banks require you to confirm access again from time to
  time, and we remind you 7 days before it runs out. Click the account under Banking, then Renew
  connection, and sign in to your bank. It takes about a minute and nothing is lost.
R.en[why]: That's a legal requirement rather than a Quillbox setting: under PSD2, banks in Germany
  and the EU ask for renewed consent every 180 days, and UK banks do so every 90 days under the Open
  Banking rules. We email you 7 days before it expires, and renewing under Banking → Renew
  connection takes a minute.
R.en[other_user]: Only the user who originally connected an account can renew it. Since they've
  left, remove the connection under Banking and connect the account again yourself; all imported
  transactions and matches are kept.
R.en[missing]: They'll come through on their own: once the connection is renewed, Quillbox catches
  up on anything from the last 90 days, usually within minutes, so nothing is lost in your case.
  Only for gaps longer than that would you need to import a CSV or CAMT file under Banking → Import
  transactions.
R.de[renew]: Die Banken erlauben den Zugriff nur für eine begrenzte Zeit, danach muss er neu
  bestätigt werden. Klicken Sie unter Banking auf das Konto, dann auf "Verbindung erneuern", und
  bestätigen Sie mit Ihrer TAN. Anschließend holt Quillbox die fehlenden Umsätze bis zu 90 Tage
  rückwirkend nach.
R.de[renew]: Das hat seine Richtigkeit: Wir erinnern 7 Tage vor Ablauf der Freigabe. Klicken Sie
  unter Banking auf das Konto und dann auf "Verbindung erneuern", melden Sie sich bei Ihrer Bank an
  und bestätigen Sie. Das dauert etwa eine Minute, und es gehen keine Daten verloren.
R.de[why]: Das schreibt die Zahlungsdiensterichtlinie PSD2 vor: Banken in Deutschland und der EU
  verlangen alle 180 Tage eine neue Zustimmung, britische Banken alle 90 Tage. Wir informieren Sie
  7 Tage vorher per E-Mail, und die Erneuerung unter Banking → Verbindung erneuern dauert nur eine
  Minute.
R.de[other_user]: Erneuern kann nur der Benutzer, der das Konto ursprünglich verbunden hat.
  Entfernen Sie die Verbindung daher unter Banking und verbinden Sie das Konto selbst neu; bereits
  importierte Umsätze und Zuordnungen bleiben erhalten.
R.de[missing]: Nein, nach dem Erneuern holt Quillbox alle fehlenden Umsätze bis zu 90 Tage
  rückwirkend nach, meist innerhalb weniger Minuten. Bei längeren Lücken können Sie eine CSV- oder
  CAMT-Datei unter Banking → Umsätze importieren hochladen.

== bookkeeping-receipts | in | bookkeeping | kb-024 | 6 | 3 | any
S.en: Upload receipts
S.en[email]: Forward receipts by email?
S.en[ocr]: Receipt read incorrectly
S.de: Belege hochladen
S.de[email]: Belege per E-Mail weiterleiten
S.de[ocr]: Beleg falsch erkannt
Q.en[bulk]: I've scanned about {many} receipts as PDFs. Can I upload them all at once?
Q.en[size]: Can I upload iPhone photos (HEIC)? It keeps failing for one file that's {size} MB.
Q.en[email]: Most of my supplier invoices arrive by email. Is there a way to forward them instead
  of downloading and uploading each one?
Q.en[ocr]: The {receipt} I uploaded shows the wrong amount and VAT. Is the text recognition
  broken?
Q.en[match]: How do I link a receipt to the bank payment it belongs to?
Q.en[delete]: I uploaded the same {receipt} twice and can't delete one of them. Why?
Q.de[bulk]: Ich habe {many} Belege als PDF eingescannt. Kann ich die auf einmal hochladen?
Q.de[email]: Kann ich Rechnungen von Lieferanten einfach per E-Mail an Quillbox weiterleiten?
Q.de[ocr]: Beim {receipt} wurde der Betrag falsch ausgelesen. Kann ich das korrigieren?
Q.de[match]: Wie ordne ich einen Beleg der passenden Abbuchung zu?
Q.de[delete]: Ich wollte einen doppelt hochgeladenen Beleg löschen, das geht aber nicht. Warum?
Q.de[delete]: Wie lange bewahrt Quillbox meine Belege eigentlich auf?
R.en[bulk]: Go to Receipts → Upload and drag the files in; you can add up to 50 files at once, so
  just split the {many} receipts into a few batches. PDF, JPG, PNG and HEIC are accepted, up to 20
  MB per file.
R.en[size]: HEIC works, but each file can be at most 20 MB, which is why that one fails. Export it
  from your phone in a smaller size or as JPG, or photograph the receipt straight from the Quillbox
  app.
R.en[email]: Yes, every account has its own receipt inbox address; you'll find it under Settings →
  Receipts → Receipt inbox. Forward the emails there and any attachments become receipts
  automatically (emails without attachments are ignored).
R.en[ocr]: Recognition isn't always certain, which is why uncertain fields are marked in yellow.
  Just click the field and correct the amount and VAT rate; your correction is saved with the
  receipt.
R.en[match]: When a receipt matches a bank transaction (same amount, date within 10 days),
  Quillbox suggests the link and you confirm it with one click. You can also open the transaction
  under Banking → Transactions and link the receipt there.
R.en[delete]: A receipt that's linked to a transaction can't be deleted, so unlink it first and
  then delete the duplicate. Quillbox also flags suspected duplicates with a Possible duplicate
  label.
R.de[bulk]: Unter Belege → Hochladen können Sie bis zu 50 Dateien auf einmal hineinziehen; teilen
  Sie die {many} Belege einfach auf mehrere Durchgänge auf. Erlaubt sind PDF, JPG, PNG und HEIC
  bis 20 MB pro Datei.
R.de[email]: Ja, jedes Konto hat eine eigene Beleg-Adresse, die Sie unter Einstellungen → Belege →
  Beleg-Eingang finden. Leiten Sie die Mails dorthin weiter; Anhänge werden automatisch als Belege
  angelegt.
R.de[ocr]: Die Erkennung ist nicht immer eindeutig, unsichere Felder markiert Quillbox deshalb
  gelb. Klicken Sie einfach auf das Feld und korrigieren Sie Betrag oder Steuersatz.
R.de[match]: Passt ein Beleg zu einem Bankumsatz (gleicher Betrag, Datum innerhalb von 10 Tagen),
  schlägt Quillbox die Zuordnung vor, und Sie bestätigen sie mit einem Klick. Alternativ öffnen Sie
  den Umsatz unter Banking → Umsätze und verknüpfen den Beleg dort.
R.de[delete]: Belege, die mit einem Umsatz verknüpft sind, lassen sich nicht löschen; lösen Sie
  zuerst die Verknüpfung. Bei deutschen Konten bewahrt Quillbox Belege 10 Jahre unverändert auf,
  auch wenn der zugehörige Umsatz gelöscht wird.

== bookkeeping-datev | in | bookkeeping | kb-025 | 7 | 6 | DE
S.en: DATEV export
S.en: Export for my tax adviser
S.en[setup]: DATEV export greyed out
S.de: DATEV-Export
S.de: Export für den Steuerberater
S.de[setup]: Beraternummer fehlt
Q.en[how]: My Steuerberater wants our bookings in DATEV format every quarter. Can Quillbox do that?
Q.en[how]: Does the DATEV export include the receipt images or just the numbers?
Q.en[setup]: The DATEV export button is greyed out. It says something about an adviser number?
Q.en[period]: I tried to export {prev_year} and {year} together, but it won't let me.
Q.en[changed]: I corrected some bookings after exporting {month} to DATEV. What now?
Q.en[plan]: Is the DATEV export available on Starter?
Q.de[how]: Unsere Steuerkanzlei ({accountant}) möchte die Buchungen im DATEV-Format. Wie erstelle
  ich den Export?
Q.de[how]: Sind beim DATEV-Export die Belegbilder dabei? Die Kanzlei braucht die.
Q.de[setup]: Beim DATEV-Export fehlt angeblich die Beraternummer. Woher bekomme ich die?
Q.de[setup]: SKR03 oder SKR04, wo stelle ich den Kontenrahmen ein? Unsere Kanzlei arbeitet mit
  {skr}.
Q.de[period]: Ich möchte den DATEV-Export für 18 Monate am Stück machen, das klappt nicht. Warum?
Q.de[changed]: Nach dem Export für das {quarter} habe ich noch Buchungen geändert. Muss ich neu
  exportieren?
Q.de[plan]: Gibt es den DATEV-Export auch im Starter-Tarif?
R.en[how]: Yes. Once your adviser number, client number and chart of accounts (SKR03 or SKR04) are
  set under Settings → Bookkeeping → DATEV, go to Bookkeeping → Export → DATEV, choose the period
  and click Create export. You get a ZIP with the booking batch in DATEV format (CSV) plus the
  receipt images, which your adviser imports directly.
R.en[setup]: The export needs the adviser number (Beraternummer, 4 to 7 digits) and the client
  number (Mandantennummer, 1 to 5 digits) from your tax adviser's office. Enter them under Settings
  → Bookkeeping → DATEV together with SKR03 or SKR04, and the button becomes active.
R.en[period]: One export can cover at most 12 months and has to stay within one financial year.
  Please create two exports, one for each year.
R.en[changed]: Quillbox marks exported bookings and shows a notice when you change them afterwards.
  Export {month} again and agree with your adviser which batch they should use, so nothing is
  imported twice.
R.en[plan]: The DATEV export is part of Pro and Business, not Starter. After upgrading you'll find
  it under Bookkeeping → Export → DATEV.
R.de[how]: Zuerst tragen Sie unter Einstellungen → Buchhaltung → DATEV Berater- und Mandantennummer
  und den Kontenrahmen ein. Danach wählen Sie unter Buchhaltung → Export → DATEV den Zeitraum und
  klicken auf "Export erstellen". Heraus kommt eine ZIP-Datei, die den Buchungsstapel im
  DATEV-Format und die Belegbilder enthält.
R.de[setup]: Berater- und Mandantennummer bekommen Sie von Ihrer Kanzlei; die Beraternummer hat 4
  bis 7 Stellen, die Mandantennummer 1 bis 5. Tragen Sie beides unter Einstellungen → Buchhaltung →
  DATEV ein, dort wählen Sie auch SKR03 oder SKR04.
R.de[period]: Ein Export darf höchstens 12 Monate umfassen und muss innerhalb eines
  Wirtschaftsjahres liegen. Teilen Sie den Zeitraum bitte auf zwei Exporte auf.
R.de[changed]: Ja, exportieren Sie den Zeitraum bitte noch einmal. Quillbox merkt sich, was schon
  exportiert war, und zeigt bei späteren Änderungen einen Hinweis an. Sagen Sie Ihrer Kanzlei kurz
  Bescheid, welcher Stapel gilt, damit keine Buchung doppelt eingelesen wird.
R.de[plan]: Der DATEV-Export ist in Pro und Business enthalten, im Starter-Tarif nicht. Nach
  einem Upgrade finden Sie ihn unter Buchhaltung → Export → DATEV.

== bookkeeping-ustva | in | bookkeeping | kb-026 | 6 | 6 | DE
S.en: VAT pre-return (UStVA)
S.en[cert]: ELSTER certificate
S.en[deadline]: UStVA deadline
S.de: Umsatzsteuer-Voranmeldung
S.de: UStVA über ELSTER
S.de[deadline]: Frist für die Voranmeldung
Q.en[submit]: Can I send my UStVA directly from Quillbox, or do I need to type it into ELSTER
  myself?
Q.en[cert]: Quillbox asks for an ELSTER certificate file. Where do I get that, and what format?
Q.en[deadline]: When is the UStVA for {month} due? I have a Dauerfristverlängerung, not sure if
  Quillbox knows that.
Q.en[correct]: I submitted the VAT pre-return for {month} and then found a missing receipt. How do
  I correct it?
Q.en[kz]: The amount in Kennzahl 66 looks too high to me. How can I see what's behind it?
Q.en[settings]: I switched from monthly to quarterly filing this year. Where do I change that?
Q.de[submit]: Kann ich die Umsatzsteuer-Voranmeldung direkt aus Quillbox ans Finanzamt schicken?
Q.de[cert]: Wo lade ich mein ELSTER-Zertifikat hoch? Und muss ich das jedes Jahr neu machen?
Q.de[deadline]: Bis wann muss die Voranmeldung für {month} beim Finanzamt sein? Wir haben
  Dauerfristverlängerung.
Q.de[correct]: Ich habe die UStVA für das {quarter} schon gesendet und dann noch eine Rechnung
  gefunden. Wie korrigiere ich das?
Q.de[kz]: Die Kennzahl 81 kommt mir zu hoch vor. Wie sehe ich, welche Buchungen da drinstecken?
Q.de[settings]: Wir geben ab diesem Jahr vierteljährlich statt monatlich ab. Wo stelle ich das um?
Q.de[settings]: Wo stelle ich von Soll- auf Ist-Versteuerung um?
R.en[submit]: Yes. Under Taxes → VAT pre-return choose the period, check the figures and click Send
  to ELSTER. You need to upload your ELSTER certificate once under Taxes → Settings, and the
  transmission log is saved as a PDF with the period.
R.en[cert]: You get the certificate file (.pfx) when you register for Mein ELSTER. Upload it under
  Taxes → Settings together with its password. It's valid for three years, and Quillbox reminds you
  before it expires.
R.en[deadline]: Normally the UStVA is due on the 10th day after the end of the period; with a
  Dauerfristverlängerung it's one month later. Set the extension under Taxes → Settings so Quillbox
  uses the right date, and we'll remind you five days before the deadline.
R.en[correct]: Add the missing receipt, then open the {month} period again and send it as a
  corrected return (berichtigte Anmeldung). The new transmission log is saved next to the original
  one.
R.en[kz]: Click the Kennzahl under Taxes → VAT pre-return and you'll see all bookings behind it.
  Often a receipt with the wrong VAT rate or a duplicate is the cause; correct it and the figure
  updates.
R.en[settings]: You can change the filing frequency under Taxes → Settings (monthly or quarterly),
  along with the Dauerfristverlängerung and cash or accrual basis (Ist- or Sollversteuerung).
R.de[submit]: Ja, unter Steuern → Umsatzsteuer-Voranmeldung wählen Sie den Zeitraum, prüfen die
  Kennzahlen und klicken auf "An ELSTER senden". Vorher laden Sie einmalig Ihr ELSTER-Zertifikat
  unter Steuern → Einstellungen hoch; das Übertragungsprotokoll speichert Quillbox als PDF.
R.de[cert]: Das Zertifikat (.pfx-Datei) laden Sie unter Steuern → Einstellungen zusammen mit dem
  Passwort hoch. Es ist drei Jahre gültig, und Quillbox erinnert Sie rechtzeitig vor Ablauf;
  jährlich müssen Sie also nichts tun.
R.de[deadline]: Ohne Fristverlängerung ist die Voranmeldung bis zum 10. Tag nach Ablauf des
  Zeitraums fällig, mit Dauerfristverlängerung einen Monat später. Hinterlegen Sie die
  Dauerfristverlängerung unter Steuern → Einstellungen, dann rechnet Quillbox mit der richtigen
  Frist und erinnert Sie fünf Tage vorher.
R.de[correct]: Erfassen Sie die fehlende Rechnung und senden Sie den Zeitraum danach erneut als
  berichtigte Anmeldung. Das neue Übertragungsprotokoll wird zusätzlich gespeichert.
R.de[kz]: Klicken Sie unter Steuern → Umsatzsteuer-Voranmeldung auf die Kennzahl, dann sehen Sie
  alle zugrunde liegenden Buchungen. Häufig steckt ein falscher Steuersatz oder eine doppelt
  erfasste Rechnung dahinter.
R.de[settings]: Das stellen Sie unter Steuern → Einstellungen um: monatliche oder
  vierteljährliche Abgabe, Dauerfristverlängerung sowie Soll- oder Ist-Versteuerung.

== bookkeeping-mtd-vat | in | bookkeeping | kb-027 | 4 | 1 | UK
S.en: VAT return via Quillbox
S.en[connect]: HMRC connection expired
S.en: Making Tax Digital question
S.de: Britische VAT Return
S.de[connect]: Verbindung zu HMRC abgelaufen
Q.en[connect]: Quillbox says the HMRC connection has expired. I only set it up last year?
Q.en[submit]: Can I file our VAT return to HMRC straight from Quillbox? We're signed up for MTD.
Q.en[deadline]: Our VAT quarter ended on {quarter_end}. When's the deadline?
Q.en[correct]: I've just realised I missed an invoice on the return I submitted last month. Can I
  amend it in Quillbox?
Q.en[scheme]: We're on the Flat Rate Scheme. Does Quillbox handle that?
Q.en[scheme]: Where do I switch to cash accounting for VAT?
Q.de[connect]: Ich führe eine Limited in {city_uk}. Quillbox meldet, dass die Verbindung zu HMRC
  abgelaufen ist. Warum?
Q.de[submit]: Kann ich die britische VAT Return direkt aus Quillbox an HMRC schicken?
Q.de[deadline]: Bis wann muss die VAT Return für das Quartal bis zum {quarter_end} bei HMRC sein?
Q.de[correct]: In der abgegebenen VAT Return fehlt eine Rechnung. Kann ich sie in Quillbox
  korrigieren?
Q.de[scheme]: Unterstützt Quillbox das Flat Rate Scheme?
Q.de[scheme]: Wo stelle ich bei der VAT auf Cash Accounting um?
R.en[connect]: The HMRC authorisation is only valid for 18 months, after which HMRC requires you to
  grant access again. Go to Taxes → VAT return → Connect to HMRC and sign in with your Government
  Gateway user ID; it takes about a minute.
R.en[submit]: Yes, Quillbox is recognised for MTD for VAT. Connect once under Taxes → VAT return →
  Connect to HMRC, then pick the period, check the nine boxes, tick the declaration and click
  Submit to HMRC. The HMRC receipt is stored with the return.
R.en[deadline]: The return and the payment are due one month and seven days after the end of the
  VAT period, so for the quarter ending {quarter_end} that's {vat_deadline}.
R.en[correct]: Submitted returns can't be changed, but errors below GBP 10,000 can be corrected on
  your next return. Add the missing invoice in Quillbox and include the correction when you submit
  the next period.
R.en[scheme]: Yes: in Taxes → Settings you can switch between standard accrual accounting, cash
  accounting and the Flat Rate Scheme, where you enter your percentage. The nine boxes are then
  worked out on that basis.
R.de[connect]: Die Freigabe für HMRC gilt nur 18 Monate; danach verlangt HMRC eine neue
  Bestätigung. Verbinden Sie sich unter Steuern → VAT Return → Mit HMRC verbinden erneut mit Ihrer
  Government-Gateway-Kennung, das dauert etwa eine Minute.
R.de[submit]: Ja, Quillbox ist für Making Tax Digital anerkannt. Verbinden Sie sich einmalig mit
  HMRC, wählen Sie dann den Zeitraum, prüfen Sie die neun Boxen und klicken Sie auf "An HMRC
  senden".
R.de[deadline]: Abgabe und Zahlung sind einen Monat und sieben Tage nach Ende des Zeitraums
  fällig, für das Quartal bis zum {quarter_end} also am {vat_deadline}.
R.de[correct]: Abgegebene Returns lassen sich nicht mehr ändern. Fehler unter 10.000 GBP dürfen
  Sie aber mit der nächsten Return korrigieren.
R.de[scheme]: Ja, unter Steuern → Einstellungen wählen Sie zwischen Standard (Accrual), Cash
  Accounting und Flat Rate Scheme mit Ihrem Prozentsatz.

== bookkeeping-rules | in | bookkeeping | kb-028 | 5 | 2 | any
S.en: Categorise transactions automatically
S.en[order]: Rule order question
S.en: Bookkeeping rules
S.de: Umsätze kategorisieren
S.de: Regeln anlegen
S.de[existing]: Regel greift nicht bei alten Umsätzen
Q.en[create]: Every month I manually categorise the same {vendor} direct debit as "Phone &
  internet". Can Quillbox remember that?
Q.en[create]: Can I make a rule based on the amount? Our rent is always {amount}.
Q.en[existing]: I made a rule, but it only works for new transactions. I have about {many} older
  ones without a category.
Q.en[order]: Two of my rules match the same payment and the wrong one wins. How do I control that?
Q.en[order]: Is there a limit to how many rules I can create? We're at about 150.
Q.en[manual]: Will a new rule change the categories I already set by hand?
Q.de[create]: Jeden Monat ordne ich die Abbuchung von {vendor} von Hand der Kategorie "Telefon &
  Internet" zu. Geht das automatisch?
Q.de[create]: Kann ich eine Regel nach dem Verwendungszweck anlegen, zum Beispiel für alles mit
  "Miete"?
Q.de[existing]: Meine neue Regel greift nur bei neuen Umsätzen. Wie wende ich sie auf die alten
  an?
Q.de[order]: Zwei Regeln passen auf denselben Umsatz. Welche gewinnt?
Q.de[order]: Gibt es eine Obergrenze für die Anzahl der Regeln?
Q.de[manual]: Überschreibt eine neue Regel meine manuell gesetzten Kategorien?
R.en[create]: Yes, with a rule: Settings → Bookkeeping → Rules → New rule. Set a condition on the
  counterparty name, words in the reference text or an amount range, then choose the category and
  optionally the VAT rate. Rules run every time new transactions are imported.
R.en[existing]: When you save the rule, tick Apply to existing transactions. It then categorises
  all matching transactions that don't have a category yet.
R.en[order]: If several rules match, the one at the top of the list wins, so just drag the rules
  into the right order under Settings → Bookkeeping → Rules. You can have up to 200 rules.
R.en[manual]: No, rules never overwrite categories you've set by hand. They only fill in
  transactions without a category.
R.de[create]: Ja, legen Sie unter Einstellungen → Buchhaltung → Regeln → Neue Regel eine Regel an.
  Als Bedingung können Sie den Namen des Zahlungspartners, Wörter im Verwendungszweck oder einen
  Betragsbereich nutzen und dann Kategorie und Steuersatz festlegen.
R.de[existing]: Aktivieren Sie beim Speichern der Regel "Auf bestehende Umsätze anwenden". Dann
  werden alle passenden Umsätze ohne Kategorie nachträglich zugeordnet.
R.de[order]: Passen mehrere Regeln, gewinnt die oberste in der Liste; die Reihenfolge ändern Sie
  per Drag-and-drop. Insgesamt sind bis zu 200 Regeln möglich.
R.de[manual]: Nein, Regeln überschreiben nie Kategorien, die Sie von Hand gesetzt haben. Sie
  greifen nur bei Umsätzen ohne Kategorie.

== users-invite | in | users | kb-029 | 5 | 2 | any
S.en: Invite a colleague
S.en[notreceived]: Invitation email not received
S.en[expired]: Invitation expired
S.de: Mitarbeiter einladen
S.de[notreceived]: Einladung nicht angekommen
S.de[expired]: Einladung abgelaufen
Q.en[how]: How do I add my business partner {colleague} to our Quillbox account?
Q.en[notreceived]: I invited our new assistant yesterday, but she says no email arrived.
Q.en[notreceived]: I typed the wrong email address when inviting someone. How do I fix it?
Q.en[expired]: {colleague} was on holiday and now the invitation link says expired. Can you extend
  it?
Q.en[seat]: The invite button asks me to add a seat first, but there are only 2 of us. We're on Pro.
Q.en[existing]: My wife already has a Quillbox account for her own shop. Does she need a second
  login to help with ours?
Q.de[how]: Wie lade ich einen Kollegen zu unserem Quillbox-Konto ein?
Q.de[notreceived]: Meine neue Mitarbeiterin hat keine Einladung bekommen. Ich habe sie vor zwei
  Tagen eingeladen.
Q.de[notreceived]: Ich habe mich bei der E-Mail-Adresse vertippt. Kann ich die Einladung
  korrigieren?
Q.de[expired]: Der Einladungslink ist abgelaufen. Wie lange ist der eigentlich gültig?
Q.de[seat]: Ich kann niemanden mehr einladen, es heißt, alle Plätze sind belegt. Wir sind aber nur
  zu zweit.
Q.de[existing]: Mein Geschäftspartner hat schon ein eigenes Quillbox-Konto. Braucht er für unsere
  Firma einen zweiten Login?
R.en[how]: Go to Settings → Users → Invite user, enter {colleague}'s email address, choose a role
  and click Send invitation. The invitation is valid for 7 days.
R.en[notreceived]: Please check the spam folder and any quarantine of the company mail filter on
  their side. The invitation is tied to the exact address you entered, so if there's a typo,
  revoke it under Settings → Users and send a new one. Resend next to the user sends a fresh link.
R.en[expired]: Invitations are valid for 7 days. Just click Resend next to {colleague} under
  Settings → Users; that sends a new link and the old one stops working.
R.en[seat]: Invitations take up a seat from the moment they're sent, even before they're accepted.
  Check Settings → Users for open invitations and revoke any you don't need; that frees the seat.
  Pro includes 3 seats.
R.en[existing]: No second login needed. Invite her existing email address; she accepts with her
  current login and switches between the two companies via the account menu at the top right.
R.de[how]: Unter Einstellungen → Benutzer → Benutzer einladen geben Sie die E-Mail-Adresse ein,
  wählen eine Rolle und klicken auf "Einladung senden". Die Einladung ist 7 Tage gültig.
R.de[notreceived]: Bitte lassen Sie den Spam-Ordner und eine eventuelle Quarantäne des
  Mailfilters prüfen. Die Einladung gilt nur für genau die eingegebene Adresse; bei einem
  Tippfehler ziehen Sie sie unter Einstellungen → Benutzer zurück und senden eine neue.
R.de[expired]: Einladungen sind 7 Tage gültig. Klicken Sie unter Einstellungen → Benutzer neben der
  Person auf "Erneut senden", dann kommt ein neuer Link, und der alte wird ungültig.
R.de[seat]: Offene Einladungen belegen bereits einen Platz, auch wenn sie noch nicht angenommen
  wurden. Ziehen Sie nicht mehr benötigte Einladungen unter Einstellungen → Benutzer zurück, dann
  wird der Platz frei.
R.de[existing]: Nein, laden Sie einfach seine bestehende E-Mail-Adresse ein. Er nimmt mit seinem
  Login an und wechselt über das Kontomenü oben rechts zwischen beiden Firmen.

== users-roles | in | users | kb-030 | 5 | 3 | any
S.en: User roles
S.en[restrict]: Restrict access for a team member
S.en[owner]: Transfer ownership
S.de: Rollen und Rechte
S.de[restrict]: Zugriff einschränken
S.de[owner]: Inhaber ändern
Q.en[restrict]: Our new apprentice should be able to write invoices but not see our bank account.
  Which role should I give him?
Q.en[readonly]: Can I give our investor view-only access? And does that cost a seat?
Q.en[owner]: I'm handing the business over to my daughter. How do I make her the owner of the
  Quillbox account?
Q.en[owner]: I transferred ownership to my partner, but he says he didn't get anything. Is there a
  time limit?
Q.en[custom]: Can I create a role that can do banking but not change settings?
Q.en[admin]: What exactly can an admin not do compared to me as the owner?
Q.de[restrict]: Unsere Aushilfe soll Rechnungen schreiben, aber keinen Einblick ins Bankkonto
  haben. Welche Rolle passt?
Q.de[restrict]: Kann jemand mit der Rolle "Mitarbeiter" die Steuereinstellungen sehen?
Q.de[readonly]: Kann ich unserem Mitgesellschafter nur Lesezugriff geben? Kostet das extra?
Q.de[owner]: Ich übergebe die Firma an meinen Nachfolger. Wie übertrage ich die Inhaberschaft?
Q.de[custom]: Kann man eigene Rollen mit individuellen Rechten anlegen?
Q.de[admin]: Was darf ein Admin im Vergleich zum Inhaber nicht?
R.en[restrict]: The Member role fits: members can create and edit invoices, quotes and customers and
  upload receipts, but have no access to banking, taxes or settings. You can set the role when
  inviting or change it later under Settings → Users.
R.en[readonly]: Yes, use the Read-only role: they can see invoices, customers and receipts but
  can't change anything. Read-only users don't take up a seat, and up to 5 of them are free.
R.en[owner]: Under Settings → Users → Transfer ownership you can hand the account over to an
  admin, so make the new owner an admin first. You confirm with your password, the new owner gets
  an email and has 7 days to accept, and you then become an admin yourself.
R.en[custom]: Custom roles are available on the Business plan: there you can set permissions for
  invoices, banking, taxes and settings individually. On the other plans there are the fixed roles
  Owner, Admin, Member and Read-only.
R.en[admin]: Admins have full access to all data and settings, including inviting and removing
  users, but not to billing (plan and payment details) or deleting the account. Those stay with
  the owner, and each account has exactly one owner.
R.de[restrict]: Dafür passt die Rolle "Mitarbeiter": Rechnungen, Angebote und Kunden anlegen und
  bearbeiten sowie Belege hochladen, aber kein Zugriff auf Banking, Steuern und Einstellungen.
R.de[readonly]: Ja, mit der Rolle "Nur lesen" sieht er Rechnungen, Kunden und Belege, kann aber
  nichts ändern. Lesezugriff belegt keinen Platz, bis zu 5 solcher Benutzer sind kostenlos.
R.de[owner]: Unter Einstellungen → Benutzer → Inhaberschaft übertragen können Sie an einen Admin
  übergeben; machen Sie Ihren Nachfolger also zuerst zum Admin. Sie bestätigen mit Ihrem Passwort,
  er muss die Übernahme innerhalb von 7 Tagen annehmen, danach sind Sie selbst Admin.
R.de[custom]: Eigene Rollen gibt es im Business-Tarif. Dort legen Sie die Rechte für Rechnungen,
  Banking, Steuern und Einstellungen einzeln fest.
R.de[admin]: Admins haben Vollzugriff auf alle Daten und Einstellungen und können Benutzer
  verwalten. Tarif, Zahlungsdaten und das Löschen des Kontos bleiben aber dem Inhaber vorbehalten.

== users-seats | in | users | kb-031 | 5 | 2 | any
S.en[add]: Add seats
S.en: Question about seats
S.en[cost]: Cost of an extra user
S.en[remove]: Remove a seat
S.de: Weitere Benutzer
S.de[add]: Platz hinzufügen
S.de[remove]: Platz entfernen
Q.en[add]: We're hiring {seats_n} more people next month. How do I add seats?
Q.en[cost]: What does an extra user cost on Pro? And is it charged for the whole month?
Q.en[remove]: {colleague} left the company. How do I stop paying for that seat?
Q.en[remove]: I reduced the seats from 5 to 4, but I was charged for 5 again. Why?
Q.en[starter]: I'm on Starter and want to add my assistant. There's no option to add a seat?
Q.en[removed_data]: If I remove a user, do the invoices they created disappear?
Q.de[add]: Wir stellen {seats_n} neue Leute ein. Wie bekomme ich zusätzliche Plätze?
Q.de[cost]: Was kostet ein zusätzlicher Benutzer im Business-Tarif?
Q.de[remove]: Eine Mitarbeiterin hat uns verlassen. Wie reduziere ich die Anzahl der Plätze?
Q.de[remove]: Ich habe einen Platz entfernt, aber diesen Monat trotzdem den vollen Betrag gezahlt.
  Warum?
Q.de[starter]: Im Starter-Tarif kann ich keinen zweiten Benutzer anlegen. Was kann ich tun?
Q.de[removed_data]: Was passiert mit den Rechnungen eines Benutzers, wenn ich ihn entferne?
R.en[add]: You can do that yourself on Pro and Business: Settings → Billing → Seats, then raise the
  number. Each extra seat is {seat_price} a month and can be used right away; for the rest of the
  current period you only pay the prorated part.
R.en[cost]: An additional seat is {seat_price} per month, or {seat_price_year} per year on annual
  billing. The seat is available straight away, and only the remaining part of the current billing
  period is charged, prorated.
R.en[remove]: First remove the user under Settings → Users, then lower the number under Settings →
  Billing → Seats. Fewer seats only apply from your next billing period, so the current one is still
  charged in full and isn't refunded.
R.en[starter]: Starter is limited to one user and can't have additional seats. Pro includes 3
  users, so upgrading would let you add your assistant without buying extra seats.
R.en[removed_data]: No, invoices, receipts and everything else a removed user created remain in your
  account. They just can't sign in any more, and they no longer count towards your seats.
R.de[add]: In Pro und Business erhöhen Sie die Anzahl unter Einstellungen → Abrechnung → Plätze.
  Jeder zusätzliche Platz kostet {seat_price} im Monat und steht sofort zur Verfügung; für den
  laufenden Zeitraum berechnen wir den anteiligen Betrag.
R.de[cost]: Ein zusätzlicher Platz kostet {seat_price} pro Monat, bei jährlicher Zahlung
  {seat_price_year} im Jahr. Für den laufenden Abrechnungszeitraum wird nur der anteilige Betrag
  berechnet.
R.de[remove]: Entfernen Sie zuerst den Benutzer unter Einstellungen → Benutzer und reduzieren Sie
  dann die Plätze unter Einstellungen → Abrechnung → Plätze. Die Reduzierung gilt ab dem nächsten
  Abrechnungszeitraum; den laufenden Zeitraum erstatten wir nicht.
R.de[starter]: Im Starter-Tarif ist genau ein Benutzer enthalten, zusätzliche Plätze sind dort
  nicht möglich. In Pro sind bereits 3 Benutzer inklusive.
R.de[removed_data]: Alles, was der Benutzer angelegt hat, also Rechnungen, Belege und Kunden,
  bleibt in Ihrem Konto erhalten. Er kann sich nur nicht mehr anmelden und belegt keinen Platz
  mehr.

== users-accountant | in | users | kb-032 | 8 | 4 | any
S.en: Access for our accountant
S.en: Accountant login
S.en[cost]: Does the accountant need a seat?
S.de: Zugang für den Steuerberater
S.de: Steuerkanzlei einladen
S.de[cost]: Kostet der Steuerberater-Zugang extra?
Q.en[invite]: Our accountants, {accountant}, want to look at our books directly instead of
  getting exports from us. How do I give them access?
Q.en[invite]: Can I give our accountant access on the Starter plan?
Q.en[cost]: Does adding our accountant as a user cost us a seat? We're already at our limit.
Q.en[rights]: What can our accountant actually do once they're in? I don't want them sending
  invoices by mistake.
Q.en[multi]: I'm a bookkeeper with {n2} clients on Quillbox. Do I really need a separate login for
  each?
Q.en[convert]: Our tax adviser already has a normal user in our account and takes up a paid seat.
  Can we change that?
Q.de[invite]: Unsere Steuerkanzlei {accountant} möchte direkt in Quillbox auf unsere Buchhaltung
  zugreifen. Wie lade ich sie ein?
Q.de[invite]: Wie viele Steuerberater kann ich einladen? Wir haben einen für die Lohnbuchhaltung
  und einen für den Jahresabschluss.
Q.de[cost]: Kostet ein Zugang für den Steuerberater einen zusätzlichen Platz?
Q.de[rights]: Was darf unser Steuerberater in Quillbox sehen und ändern?
Q.de[multi]: Ich betreue als Steuerberaterin {n2} Mandanten, die Quillbox nutzen. Brauche ich für
  jeden einen eigenen Login?
Q.de[convert]: Unser Steuerberater ist bei uns als normaler Benutzer angelegt und belegt einen
  Platz. Geht das auch anders?
R.en[invite]: You can do that under Settings → Users → Invite accountant: just enter their email
  address. This works on all plans, the invite link stays valid for a week, and you can add up to 2
  accountants per account.
R.en[cost]: No, the accountant role is free and doesn't use a seat. Invite them under Settings →
  Users → Invite accountant, and your seat count stays as it is.
R.en[rights]: Accountants can view all invoices, receipts, bank transactions and tax reports,
  categorise transactions, add comments, correct VAT rates and create DATEV exports. They can't
  create or send invoices, change billing or invite other users, so there's no risk there.
R.en[multi]: No, one login is enough. Once you're signed in, you switch between your clients in the
  Client list at the top left; each client only has to invite you once via Invite accountant.
R.en[convert]: Yes, change their role to Accountant under Settings → Users. That frees up the seat,
  and they keep access to everything they need for the books.
R.de[invite]: Unter Einstellungen → Benutzer → Steuerberater einladen geben Sie die E-Mail-Adresse
  der Kanzlei ein. Die Einladung ist 7 Tage gültig, und pro Konto können Sie bis zu 2 Steuerberater
  einladen, in jedem Tarif.
R.de[cost]: Nein, die Rolle Steuerberater ist kostenlos und belegt keinen Platz. Laden Sie die
  Kanzlei einfach über Einstellungen → Benutzer → Steuerberater einladen ein.
R.de[rights]: Steuerberater sehen alle Rechnungen, Belege, Bankumsätze und Steuerauswertungen,
  können Umsätze kategorisieren, Kommentare hinterlassen, Steuersätze korrigieren und den
  DATEV-Export erstellen. Rechnungen schreiben oder versenden, die Abrechnung ändern oder Benutzer
  einladen können sie nicht.
R.de[multi]: Nein, mit einem Login wechseln Sie oben links in der Mandantenliste zwischen allen
  Mandanten, die Sie eingeladen haben. Jeder Mandant lädt Sie dazu einmal über "Steuerberater
  einladen" ein.
R.de[convert]: Ja, ändern Sie unter Einstellungen → Benutzer seine Rolle auf "Steuerberater". Damit
  wird der Platz frei, und er behält alle Rechte, die er für die Buchhaltung braucht.

== data-csv-import | in | data | kb-033 | 6 | 3 | any
S.en: Import customers
S.en[encoding]: Umlauts broken after import
S.en: CSV import problem
S.de: Kunden importieren
S.de[encoding]: Umlaute kaputt nach dem Import
S.de: CSV-Import
Q.en[how]: I have about {rows} customers in a spreadsheet from {old_tool}. What's the easiest way to
  get them into Quillbox?
Q.en[how]: Which columns does the customer import need? My file only has names and emails.
Q.en[limit]: The import fails with my file of {big_rows} customers. Is there a limit?
Q.en[duplicates]: Some of the customers in my CSV already exist in Quillbox. Will I get duplicates?
Q.en[errors]: The import skipped {n} rows and I don't know which ones or why.
Q.en[encoding]: After importing, all the German names with umlauts look like garbage, e.g. "MÃ¼ller"
  instead of "Müller". What went wrong?
Q.de[how]: Wie importiere ich meine Kundenliste aus {old_tool}? Das sind rund {rows} Kunden.
Q.de[how]: Meine CSV-Datei ist mit Semikolon getrennt. Kann Quillbox das lesen?
Q.de[encoding]: Nach dem Import sind alle Umlaute kaputt, aus "Müller" wird "MÃ¼ller". Was mache
  ich falsch?
Q.de[limit]: Beim Import meiner Datei mit {big_rows} Kunden kommt eine Fehlermeldung. Gibt es ein
  Limit?
Q.de[duplicates]: Werden beim Import bestehende Kunden doppelt angelegt?
Q.de[errors]: {n} Zeilen wurden beim Import übersprungen. Wie finde ich heraus, warum?
R.en[how]: Save the spreadsheet as CSV and go to Customers → Import. Only the customer name is
  required; email, address, country code, VAT ID, customer number and payment terms are optional.
  After uploading you match your columns to the Quillbox fields, check the preview and click Start
  import.
R.en[limit]: One file can contain up to 5,000 customers and be at most 10 MB, so please split your
  list into two files and import them one after the other.
R.en[duplicates]: Customers with the same customer number, or the same email if there's no number,
  are recognised as duplicates. During the import you choose whether to skip them or update the
  existing customer.
R.en[errors]: Rows with errors, for example an invalid country code, are skipped. At the end of the
  import you can download them as an error file that shows the reason per row; fix them and import
  that file again.
R.en[encoding]: That happens when the file is saved in a different encoding than expected. Save it
  again in Excel as "CSV UTF-8" and re-import it; Quillbox reads UTF-8 and Windows-1252. Choose to
  update existing customers during the import so the broken names are overwritten.
R.de[how]: Speichern Sie die Liste als CSV-Datei und öffnen Sie Kunden → Import. Pflicht ist nur
  der Kundenname; Kundennummer, E-Mail, Anschrift, Länderkennung, USt-IdNr. und Zahlungsziel sind
  optional. Komma oder Semikolon als Trennzeichen erkennt Quillbox automatisch.
R.de[encoding]: Die Datei wurde in einer anderen Kodierung gespeichert. Speichern Sie sie in Excel
  erneut als "CSV UTF-8" und importieren Sie sie noch einmal; dann werden die Umlaute korrekt
  übernommen.
R.de[limit]: Eine Datei darf bis zu 5.000 Kunden enthalten und höchstens 10 MB groß sein. Teilen
  Sie die Liste bitte in mehrere Dateien auf.
R.de[duplicates]: Kunden mit gleicher Kundennummer, oder bei fehlender Nummer mit gleicher
  E-Mail-Adresse, erkennt Quillbox als Dubletten. Sie entscheiden beim Import, ob diese
  übersprungen oder aktualisiert werden.
R.de[errors]: Fehlerhafte Zeilen, zum Beispiel mit ungültiger Länderkennung, werden übersprungen.
  Nach dem Import können Sie sie als Fehlerdatei herunterladen; dort steht pro Zeile der Grund.

== data-export | in | data | kb-034 | 5 | 3 | any
S.en: Export all data
S.en: Backup of my data
S.en[audit]: Data for a tax audit
S.de: Alle Daten exportieren
S.de: Datensicherung herunterladen
S.de[audit]: GoBD-Export für die Betriebsprüfung
Q.en[how]: I'd like a full backup of everything in our account: invoices, receipts, the lot. Is
  that possible?
Q.en[how]: I clicked export this morning and still haven't got anything. How long does it take?
Q.en[link]: I requested a data export two weeks ago, but the download link in the email doesn't
  work anymore.
Q.en[content]: What format is the data export in? Can I open it in Excel?
Q.en[audit]: The tax office is doing an audit and wants our data in GDPdU format. Can Quillbox
  produce that?
Q.en[who]: My colleague can't find the export option. She's a member, not an admin.
Q.de[how]: Wie kann ich eine komplette Sicherung aller Daten herunterladen?
Q.de[how]: Ich habe heute schon zum zweiten Mal einen Export angefordert und bekomme eine
  Fehlermeldung. Warum?
Q.de[link]: Der Download-Link aus der Export-Mail funktioniert nicht mehr. Ich habe den Export vor
  zwei Wochen angefordert.
Q.de[content]: In welchem Format bekomme ich die Daten beim Export? Sind die Rechnungen als PDF
  dabei?
Q.de[audit]: Wir haben eine Betriebsprüfung, und der Prüfer will einen Datenexport nach GoBD. Geht
  das?
Q.de[who]: Ich habe keinen Menüpunkt zum Exportieren. Liegt das an meiner Rolle?
R.en[how]: Yes: as owner or admin go to Settings → Data → Export all data, choose the period or
  All, and click Request export. Depending on the amount of data it takes a few minutes up to 24
  hours, and you get an email with a download link once it's ready. One export is possible every 24
  hours.
R.en[link]: The download link is valid for 7 days, so it has expired. Just request a new export
  under Settings → Data → Export all data and download it within the week.
R.en[content]: You get a ZIP file with CSV files for customers, invoices, line items, receipts and
  bank transactions, plus every invoice, credit note and reminder as a PDF and all receipts in
  their original format. The CSVs are UTF-8 with semicolons, so they open directly in Excel.
R.en[audit]: Yes, when you request the export under Settings → Data → Export all data, also tick
  GoBD export (GDPdU). It contains the data in the description standard with an index.xml, which
  is what auditors expect.
R.en[who]: The export is only available to the owner and admins. Either ask one of them to request
  it, or have them change your colleague's role under Settings → Users.
R.de[how]: Als Inhaber oder Admin öffnen Sie Einstellungen → Daten → Alle Daten exportieren, wählen
  den Zeitraum oder "Alles" und klicken auf "Export anfordern". Je nach Datenmenge dauert es einige
  Minuten bis zu 24 Stunden, dann kommt eine E-Mail mit Download-Link. Pro Konto ist ein Export
  alle 24 Stunden möglich.
R.de[link]: Der Download-Link ist 7 Tage gültig und deshalb abgelaufen. Fordern Sie unter
  Einstellungen → Daten → Alle Daten exportieren einfach einen neuen Export an.
R.de[content]: Sie erhalten eine ZIP-Datei mit CSV-Dateien für Kunden, Rechnungen,
  Rechnungspositionen, Belege und Bankumsätze, dazu alle Rechnungen, Gutschriften und Mahnungen als
  PDF und die Belege im Originalformat.
R.de[audit]: Ja, setzen Sie beim Export zusätzlich den Haken bei "GoBD-Export (GDPdU)". Damit
  bekommen Sie die Daten samt index.xml im Beschreibungsstandard, den Betriebsprüfer direkt einlesen
  können.
R.de[who]: Den Export können nur Inhaber und Admins anfordern. Bitten Sie eine dieser Personen
  darum oder lassen Sie Ihre Rolle unter Einstellungen → Benutzer anpassen.

== data-close-account | in | data | kb-035 | 4 | 2 | any
S.en: Delete my account
S.en[restore]: Restore a closed account
S.en: Close account
S.de: Konto löschen
S.de[restore]: Konto wiederherstellen
S.de: Konto schließen
Q.en[how]: We've sold the business and won't need Quillbox anymore. How do I delete the account
  completely?
Q.en[how]: How do I close my account? I can't find it in the settings. I'm an admin.
Q.en[restore]: My colleague closed our account last week by mistake. Can we get it back?
Q.en[retention]: If I close the account, how long until my data is really gone? Also from your
  backups?
Q.en[retention]: Do I need to download anything before deleting my account?
Q.en[refund]: If I close my account in the middle of the month, do I get the rest refunded?
Q.de[how]: Ich möchte mein Quillbox-Konto endgültig löschen. Wie geht das?
Q.de[how]: Ich bin Admin und finde die Option zum Löschen des Kontos nicht.
Q.de[restore]: Mein Geschäftspartner hat gestern versehentlich unser Konto geschlossen. Können wir
  das rückgängig machen?
Q.de[retention]: Wann werden nach dem Schließen des Kontos die Daten wirklich gelöscht?
Q.de[retention]: Was muss ich vor dem Löschen des Kontos sichern?
Q.de[refund]: Bekomme ich beim Schließen des Kontos Geld für den restlichen Monat zurück?
R.en[how]: Only the account owner can do this: Settings → Account → Close account, then enter your
  password and the word CLOSE. Please export everything first under Settings → Data → Export all
  data, because invoices and receipts have to be kept for 10 years in Germany (6 in the UK).
R.en[restore]: Yes, for 30 days after closing, the owner can restore it: just sign in and click
  Restore account. All data is still there.
R.en[retention]: After closing there's a 30-day window in which the owner can still restore the
  account. After that, everything is deleted for good and disappears from our backups within another
  30 days; you'll get an email once it's done. Export your invoices and receipts beforehand, since
  the retention period is 10 years in Germany and 6 in the UK.
R.en[refund]: When you close the account the subscription ends immediately, and there's no refund
  for the rest of the billing period. If you'd rather use the time you've paid for, cancel the
  subscription instead; the account then stays read-only for 90 days after the period ends.
R.de[how]: Das Konto kann nur der Inhaber schließen: Einstellungen → Konto → Konto schließen, dann
  Passwort und das Wort CLOSE eingeben. Exportieren Sie vorher bitte alle Daten unter Einstellungen
  → Daten → Alle Daten exportieren, denn Rechnungen und Belege müssen Sie 10 Jahre aufbewahren.
R.de[restore]: Ja, innerhalb von 30 Tagen nach dem Schließen kann der Inhaber das Konto
  wiederherstellen: einfach anmelden und auf "Konto wiederherstellen" klicken. Alle Daten sind dann
  wieder da.
R.de[retention]: Nach dem Schließen hat der Inhaber 30 Tage Zeit, das Konto wiederherzustellen.
  Danach werden alle Daten endgültig gelöscht und innerhalb weiterer 30 Tage auch aus unseren
  Backups entfernt. Exportieren Sie vorher Ihre Rechnungen und Belege, die Sie 10 Jahre aufbewahren
  müssen.
R.de[refund]: Beim Schließen endet das Abo sofort, eine Erstattung für den restlichen Zeitraum gibt
  es nicht. Wenn Sie die bezahlte Zeit noch nutzen möchten, kündigen Sie stattdessen nur das Abo.

== mobile-receipt-scan | in | mobile | kb-036 | 6 | 3 | any
S.en: Scanning receipts with the app
S.en[camera]: Camera not working in the app
S.en[quality]: Receipt scan quality
S.de: Beleg scannen
S.de[camera]: Kamera geht nicht in der App
S.de[quality]: Kassenbon unscharf
Q.en[how]: How do I photograph a receipt with the Quillbox app? I only see the invoice list.
Q.en[camera]: The app just shows a black screen when I try to scan. I'm on a {device}.
Q.en[quality]: My scanned receipts come out unreadable half the time. Any tips?
Q.en[long]: How do I scan a really long supermarket receipt? It doesn't fit on the screen.
Q.en[requirements]: The app won't install on my old phone, it says incompatible. What do I need?
Q.en[keep]: Once I've scanned a receipt, can I throw away the paper?
Q.de[how]: Wie scanne ich mit der App einen Beleg ein?
Q.de[camera]: Beim Scannen bleibt der Bildschirm schwarz. Ich habe ein {device}.
Q.de[quality]: Kassenbons auf Thermopapier werden bei mir oft unlesbar. Was kann ich tun?
Q.de[long]: Ich habe eine Rechnung mit 3 Seiten. Kann ich die als einen Beleg scannen?
Q.de[requirements]: Welche Android-Version brauche ich für die Quillbox-App?
Q.de[keep]: Darf ich den Papierbeleg nach dem Scannen wegwerfen?
R.en[how]: Tap the + at the bottom of the app and choose Scan receipt, then hold the phone over the
  receipt; the app detects the edges and takes the picture by itself. Tap Save and the receipt is
  uploaded and read within a few minutes.
R.en[camera]: That usually means the app doesn't have camera permission. Allow it in your phone's
  settings under Quillbox → Camera and try again.
R.en[quality]: Put the receipt on a dark, calm background and avoid shadows and reflections; with
  thermal paper, indirect light helps a lot. The app detects the edges automatically, so hold still
  until it takes the picture.
R.en[long]: Scan it in two parts: after the first part, tap Add page and scan the rest. A receipt
  can have up to 10 pages.
R.en[requirements]: The app needs iOS 16 or later, or Android 10 or later. On older phones you can
  still take photos of receipts and upload them in the web app under Receipts → Upload.
R.en[keep]: The original scan is stored unchanged, so in general you can dispose of the paper,
  unless special rules require you to keep particular originals. If in doubt, please check with
  your tax adviser.
R.de[how]: Tippen Sie in der App unten auf "+" und dann auf "Beleg scannen". Dann halten Sie das
  Handy ruhig über den Bon; die Ränder werden automatisch erkannt, und das Foto wird von selbst
  aufgenommen. Nach "Speichern" ist der Beleg in wenigen Minuten hochgeladen und ausgelesen.
R.de[camera]: Meist fehlt der App die Kamera-Berechtigung. Erlauben Sie den Zugriff in den
  Einstellungen Ihres Handys unter Quillbox → Kamera und versuchen Sie es erneut.
R.de[quality]: Legen Sie den Bon auf einen dunklen, ruhigen Untergrund und vermeiden Sie Schatten
  und Spiegelungen; bei Thermopapier hilft indirektes Licht. Lange Bons scannen Sie am besten in
  zwei Teilen.
R.de[long]: Ja, tippen Sie nach der ersten Seite auf "Seite hinzufügen". Bis zu 10 Seiten lassen
  sich zu einem Beleg zusammenfassen.
R.de[requirements]: Die App läuft ab Android 10 bzw. iOS 16. Auf älteren Geräten können Sie Belege
  fotografieren und in der Web-App unter Belege → Hochladen hochladen.
R.de[keep]: Der Scan wird unverändert gespeichert, deshalb können Sie den Papierbeleg normalerweise
  wegwerfen. Nur wenn für bestimmte Originale besondere Aufbewahrungspflichten gelten, sollten Sie
  diese behalten; im Zweifel fragen Sie bitte Ihre Steuerberatung.

== mobile-offline | in | mobile | kb-037 | 8 | 3 | any
S.en: Using the app without internet
S.en: Offline mode
S.en[sync]: Offline changes not syncing?
S.de: App ohne Internet
S.de: Offline arbeiten
S.de[sync]: Offline-Änderungen
Q.en[what]: I work on building sites with terrible signal. Can I still use the Quillbox app there?
Q.en[send]: Tried to send an invoice from the app on the train and it wouldn't let me. Is that a
  bug?
Q.en[sync]: I created two invoice drafts offline yesterday and they have a little grey cloud next
  to them. Did they save?
Q.en[conflict]: I now have a draft called "(offline copy)" in my list. Where did that come from?
Q.en[range]: Offline I can only see last month's invoices. Can I get older ones on the phone?
Q.en[version]: There's no offline option in my app at all. I'm on a {device}, app version
  {old_version}.
Q.de[what]: Funktioniert die App auch ohne Internet? Ich bin oft bei Kunden auf dem Land ohne
  Empfang.
Q.de[send]: Offline kann ich Rechnungen zwar anlegen, aber nicht verschicken. Warum?
Q.de[sync]: Bei zwei Belegen, die ich im Funkloch gescannt habe, ist ein graues Wolkensymbol. Ist
  das schlimm?
Q.de[conflict]: In meiner Liste taucht ein Entwurf mit "(Offline-Kopie)" im Titel auf. Was hat das
  zu bedeuten?
Q.de[range]: Kann ich offline auch Rechnungen ansehen, die älter als 30 Tage sind?
Q.de[version]: Ich finde in der App keine Offline-Einstellungen. Ich habe Version {old_version}.
R.en[what]: Yes, the app keeps working without signal. You can view invoices, quotes and customers
  from the last 30 days, create and edit invoice drafts and quotes, and scan receipts; everything
  uploads automatically once you're back online. Banking, tax reports and settings need a
  connection.
R.en[send]: That's expected: finalising and sending invoices needs a connection, because the
  invoice number has to be assigned centrally to avoid duplicates. Save it as a draft offline and
  send it once you have signal again.
R.en[sync]: The grey cloud means the item hasn't been synced yet. It uploads in the background as
  soon as your phone is online. Until then, please keep the app installed and don't sign out,
  otherwise unsynced items are lost.
R.en[conflict]: You get that when the same draft was edited in the web app and on your phone at the
  same time. Rather than overwrite anything, Quillbox keeps the phone's version as a separate draft
  marked "(offline copy)", so you can compare the two and delete the one you don't need.
R.en[range]: Yes, under App settings → Offline data you can extend the offline period from 30 to 90
  days.
R.en[version]: Offline mode needs app version 5.0 or newer. Please update the app from the App
  Store or Google Play; afterwards you'll find the options under App settings → Offline data.
R.de[what]: Ja, die App funktioniert auch ohne Empfang. Rechnungen, Angebote und Kunden der letzten
  30 Tage können Sie ansehen, Rechnungsentwürfe und Angebote anlegen und bearbeiten sowie Belege
  scannen. Sobald Sie wieder online sind, wird alles automatisch hochgeladen.
R.de[send]: Das ist so vorgesehen: Zum Festschreiben und Versenden braucht die App eine
  Verbindung, weil die Rechnungsnummer zentral vergeben wird, damit es keine doppelten Nummern
  gibt. Speichern Sie die Rechnung als Entwurf und versenden Sie sie, sobald Sie wieder Netz haben.
R.de[sync]: Das graue Wolkensymbol bedeutet nur, dass die Belege noch nicht hochgeladen sind. Das
  passiert automatisch, sobald Ihr Handy online ist. Bitte melden Sie sich bis dahin nicht ab und
  deinstallieren Sie die App nicht, sonst gehen die Belege verloren.
R.de[conflict]: Derselbe Entwurf wurde gleichzeitig in der Web-App und auf dem Handy geändert.
  Quillbox behält dann beide Versionen und speichert die vom Handy als Kopie mit "(Offline-Kopie)"
  im Titel; Sie entscheiden, welche Sie behalten.
R.de[range]: Ja, unter App-Einstellungen → Offline-Daten können Sie den Zeitraum von 30 auf 90 Tage
  erweitern.
R.de[version]: Den Offline-Modus gibt es ab App-Version 5.0. Bitte aktualisieren Sie die App im App
  Store bzw. bei Google Play, danach finden Sie die Optionen unter App-Einstellungen →
  Offline-Daten.

== mobile-notifications | in | mobile | kb-038 | 4 | 2 | any
S.en: Push notifications
S.en[missing]: Notifications not arriving
S.en[digest]: Too many notifications
S.de: Benachrichtigungen
S.de[missing]: Push-Nachrichten kommen nicht an
S.de[digest]: Zu viele Benachrichtigungen
Q.en[choose]: Can I get a notification on my phone when a customer pays? That would be great.
Q.en[choose]: Which things can the app notify me about?
Q.en[missing]: I don't get any notifications from the app on my {android_device}, even though
  they're switched on.
Q.en[missing]: Notifications arrive hours late, usually only when I open the app. Any fix?
Q.en[digest]: The app pings me all day about transactions to review. Can I get one summary instead?
Q.en[device]: My iPad and my phone behave differently with notifications. Are the settings not
  synced?
Q.de[choose]: Kann mich die App benachrichtigen, wenn eine Rechnung bezahlt wurde?
Q.de[choose]: Welche Benachrichtigungen gibt es in der App überhaupt?
Q.de[missing]: Auf meinem {android_device} kommen keine Benachrichtigungen an. Woran liegt das?
Q.de[missing]: Benachrichtigungen kommen oft erst Stunden später an. Was kann ich tun?
Q.de[digest]: Die vielen Push-Nachrichten nerven. Gibt es eine tägliche Zusammenfassung?
Q.de[device]: Auf dem Tablet bekomme ich andere Benachrichtigungen als auf dem Handy. Warum?
R.en[choose]: Yes, in the app under Profile → Notifications you can switch on Invoice paid, as well
  as Invoice overdue, Transactions to review and Receipt processed, each one individually.
R.en[missing]: First check that notifications for Quillbox are allowed in your phone's system
  settings. On Android, also exclude Quillbox from battery optimisation, as Samsung and Xiaomi
  phones in particular delay notifications otherwise. If that doesn't help, sign out of the app and
  back in to register the device again.
R.en[digest]: Yes, switch on Daily summary under Profile → Notifications. You'll then get one
  message at 8:00 each morning instead of individual notifications.
R.en[device]: That's by design: notification settings are saved per device, so your phone and
  tablet can be set up differently. Adjust them under Profile → Notifications on each device.
R.de[choose]: Ja, in der App unter Profil → Benachrichtigungen können Sie "Rechnung bezahlt"
  einschalten, außerdem "Rechnung überfällig", "Umsätze prüfen" und "Beleg verarbeitet", jeweils
  einzeln.
R.de[missing]: Prüfen Sie bitte zuerst, ob Benachrichtigungen für Quillbox in den
  Systemeinstellungen erlaubt sind. Unter Android sollten Sie Quillbox außerdem von der
  Akku-Optimierung ausnehmen, gerade Samsung- und Xiaomi-Geräte verzögern die Nachrichten sonst.
  Hilft das nicht, melden Sie sich in der App einmal ab und wieder an.
R.de[digest]: Ja, aktivieren Sie unter Profil → Benachrichtigungen die "Tägliche Zusammenfassung".
  Dann kommt jeden Morgen um 8:00 Uhr eine Nachricht statt vieler einzelner.
R.de[device]: Die Einstellungen werden pro Gerät gespeichert, deshalb können Handy und Tablet
  unterschiedlich eingestellt sein. Passen Sie sie auf jedem Gerät unter Profil →
  Benachrichtigungen an.

== api-tokens | in | api | kb-039 | 5 | 1 | any
S.en: API token
S.en[ratelimit]: 429 Too Many Requests
S.en: API access
S.de: API-Token erstellen
S.de: API-Zugang
Q.en[create]: Our developer wants to create invoices from our booking system via your API. Where
  do we get credentials?
Q.en[create]: Can I limit a token so it can only read invoices and not change anything?
Q.en[ratelimit]: Our sync script keeps getting HTTP 429 from the API. What are the limits?
Q.en[lost]: I didn't copy the API token when I created it. Can I see it again somewhere?
Q.en[plan]: I can't find API tokens under Integrations. We're on Starter.
Q.en[stopped]: Our integration suddenly returns 401 errors since {colleague} left the company.
  Related?
Q.de[create]: Wo erstelle ich einen API-Token für unsere Warenwirtschaft?
Q.de[create]: Kann ich einen Token nur mit Leserechten anlegen?
Q.de[ratelimit]: Unsere Schnittstelle bekommt ständig den Fehler 429. Wie viele Anfragen sind
  erlaubt?
Q.de[lost]: Ich habe den API-Token nicht kopiert. Kann ich ihn mir noch einmal anzeigen lassen?
Q.de[plan]: Gibt es die API auch im Starter-Tarif?
Q.de[stopped]: Seit ein Mitarbeiter ausgeschieden ist, funktioniert unsere API-Anbindung nicht
  mehr. Hängt das zusammen?
R.en[create]: Go to Settings → Integrations → API tokens → Create token, give it a name and choose
  only the scopes it needs, for example invoices:read without invoices:write. Copy the token right
  away, as it's shown only once. It's sent as a bearer token in the Authorization header, and the
  base URL is https://api.quillbox.example/v1.
R.en[ratelimit]: Each token can make 120 requests per minute. Above that the API answers with 429
  and a Retry-After header with the number of seconds to wait, so please have the script respect
  that header and spread its requests out.
R.en[lost]: For security reasons, tokens are only shown once when they're created. Please create a
  new token and revoke the old one under Settings → Integrations → API tokens.
R.en[plan]: API access is included in Pro and Business, which is why the option doesn't appear on
  Starter.
R.en[stopped]: Very likely, yes: tokens act on behalf of the user who created them and stop working
  when that user is removed. Create a new token with an active user, ideally one who isn't likely
  to leave, and update your integration.
R.de[create]: Unter Einstellungen → Integrationen → API-Tokens → Token erstellen vergeben Sie einen
  Namen, wählen die benötigten Berechtigungen, zum Beispiel nur invoices:read, und eine Laufzeit
  (30, 90 oder 365 Tage oder unbegrenzt). Kopieren Sie den Token sofort, er wird nur einmal
  angezeigt.
R.de[ratelimit]: Pro Token sind 120 Anfragen pro Minute erlaubt. Darüber antwortet die API mit 429
  und einem Retry-After-Header, der angibt, wie viele Sekunden Sie warten sollten.
R.de[lost]: Aus Sicherheitsgründen wird ein Token nur einmal angezeigt. Erstellen Sie bitte einen
  neuen und widerrufen Sie den alten unter Einstellungen → Integrationen → API-Tokens.
R.de[plan]: Die API ist in Pro und Business enthalten, im Starter-Tarif nicht.
R.de[stopped]: Sehr wahrscheinlich ja: Tokens handeln im Namen des Benutzers, der sie erstellt hat,
  und funktionieren nicht mehr, wenn dieser entfernt wird. Erstellen Sie einen neuen Token mit
  einem aktiven Benutzer und tragen Sie ihn in Ihrer Anbindung ein.

== api-webhooks | in | api | kb-040 | 8 | 2 | any
S.en: Webhooks
S.en[signature]: Verifying webhook signatures
S.en[disabled]: Webhook endpoint disabled
S.de: Webhooks einrichten
S.de[disabled]: Webhook deaktiviert
Q.en[setup]: Instead of polling your API every few minutes, can Quillbox notify our system when an
  invoice gets paid?
Q.en[signature]: How do we verify that webhook calls really come from Quillbox?
Q.en[retries]: Our server was down for maintenance for {hours} hours on {weekday}. Did we lose the
  webhook events from that time?
Q.en[disabled]: Our webhook endpoint shows as disabled and the owner got an email. What happened,
  and how do we turn it back on?
Q.en[duplicates]: We sometimes receive the same invoice.paid event twice. Bug on your side?
Q.en[events]: Which events can we subscribe to? We mainly care about new customers and overdue
  invoices.
Q.de[setup]: Kann Quillbox unser System benachrichtigen, sobald eine Rechnung bezahlt wurde, statt
  dass wir ständig die API abfragen?
Q.de[signature]: Wie prüfen wir, ob ein Webhook wirklich von Quillbox kommt?
Q.de[retries]: Unser Server war {hours} Stunden nicht erreichbar. Sind die Webhook-Events aus der
  Zeit verloren?
Q.de[disabled]: Unser Webhook-Endpunkt wurde deaktiviert. Wie schalten wir ihn wieder ein?
Q.de[duplicates]: Wir bekommen manche Events doppelt. Ist das ein Fehler?
Q.de[events]: Welche Ereignisse kann man per Webhook abonnieren?
R.en[setup]: Yes, that's what webhooks are for (Pro and Business). Under Settings → Integrations →
  Webhooks → Add endpoint, enter your HTTPS URL, select invoice.paid plus any other events you
  need, and copy the signing secret. Send test event lets you check the endpoint straight away.
R.en[signature]: Each request we send has an X-Quillbox-Signature header. It's an HMAC-SHA256 we
  compute over the raw body using your endpoint's signing secret, so compute the same value on your
  side and drop anything that doesn't match. With X-Quillbox-Timestamp you can also reject requests
  that are more than 5 minutes old.
R.en[retries]: Most likely not, as long as your server was back within a day. When your endpoint
  doesn't reply with a 2xx status within 10 seconds, we keep retrying, 8 times in total spread over
  24 hours with longer gaps each time, so the events from the maintenance window should have been
  delivered once you were back up.
R.en[disabled]: Endpoints are disabled when they keep failing for 3 days in a row, and the owner
  gets an email about it. Once the problem on your side is fixed, re-enable it under Settings →
  Integrations → Webhooks and use Send test event to confirm it works.
R.en[duplicates]: That's expected rather than a bug: after a retry the same event may be delivered
  twice, and events don't always arrive in the order they happened. Store the event ID and skip
  anything you've already processed.
R.en[events]: The available events are customer.created, invoice.created, invoice.paid,
  invoice.overdue and transaction.imported. For what you describe, tick customer.created and
  invoice.overdue when you set up the endpoint.
R.de[setup]: Ja, dafür gibt es Webhooks (in Pro und Business). Unter Einstellungen → Integrationen
  → Webhooks → Endpunkt hinzufügen tragen Sie Ihre HTTPS-URL ein, wählen invoice.paid und weitere
  Ereignisse und kopieren das Signatur-Secret. Mit "Testereignis senden" prüfen Sie die
  Verbindung.
R.de[signature]: Jede Anfrage enthält den Header X-Quillbox-Signature, einen HMAC-SHA256 über den
  unveränderten Request-Body mit Ihrem Signatur-Secret. Berechnen Sie den Wert selbst und verwerfen
  Sie Anfragen, die nicht passen; mit X-Quillbox-Timestamp lehnen Sie Anfragen ab, die älter als 5
  Minuten sind.
R.de[retries]: Nein, solange der Server innerhalb von 24 Stunden wieder erreichbar war. Antwortet
  Ihr Endpunkt nicht innerhalb von 10 Sekunden mit einem 2xx-Status, versuchen wir es bis zu 8 Mal
  über 24 Stunden mit wachsenden Abständen erneut.
R.de[disabled]: Ein Endpunkt wird deaktiviert, wenn er 3 Tage am Stück fehlschlägt; der Inhaber
  erhält dann eine E-Mail. Beheben Sie das Problem und aktivieren Sie den Endpunkt unter
  Einstellungen → Integrationen → Webhooks wieder.
R.de[duplicates]: Das ist kein Fehler: Events können mehrfach oder in anderer Reihenfolge
  ankommen, etwa nach einem erneuten Zustellversuch. Nutzen Sie die Event-ID, um Dubletten zu
  erkennen.
R.de[events]: Verfügbar sind invoice.created, invoice.paid, invoice.overdue, customer.created und
  transaction.imported. Sie wählen sie beim Anlegen des Endpunkts aus.

== shop-integration | gap | integrations | - | 11 | 5 | any
S.en: {shop} integration?
S.en: Connect my online shop
S.en: Invoices for shop orders
S.de: Anbindung an {shop}
S.de: Schnittstelle zum Onlineshop
S.de: Rechnungen für Shop-Bestellungen
Q.en: Do you integrate with Shopify? I'd like every order in my shop to create an invoice
  automatically.
Q.en: We sell {shop_product} through WooCommerce. Is there a plugin to push orders into Quillbox?
Q.en: I run a small {shop} store and currently copy every order into Quillbox by hand. Please tell
  me there's a better way.
Q.en: Is a Shopify connection on your roadmap? It's the only thing stopping me from moving over.
Q.en: How do other shop owners get their {shop} orders into Quillbox? I can't find an integration
  anywhere in the settings.
Q.en: Can Quillbox pull in the sales from my Shopify store so each order gets a proper invoice? We
  sell {shop_product}.
Q.de: Gibt es eine Schnittstelle zu Shopify? Ich möchte, dass für jede Bestellung automatisch eine
  Rechnung erstellt wird.
Q.de: Wir verkaufen {shop_product} über einen WooCommerce-Shop. Gibt es ein Plugin für Quillbox?
Q.de: Ich übertrage aktuell jede {shop}-Bestellung von Hand in Quillbox. Das muss doch einfacher
  gehen?
Q.de: Plant ihr eine Anbindung an Shopify? Sonst müssten wir über einen Wechsel nachdenken.
Q.de: Wie bekommen andere Händler ihre {shop}-Bestellungen in Quillbox? Bei den Integrationen finde
  ich nichts.
Q.de: Können die Verkäufe aus meinem Shopify-Shop automatisch als Rechnungen in Quillbox landen?
R.en: There's no native {shop} integration yet, but you can automate it with Zapier: use the
  trigger "New paid order" from your shop and the Quillbox action "Create invoice". It needs an API
  token from Settings → Integrations → API tokens (Pro or Business), and in the Zap you choose
  whether invoices are created as drafts or finalised and sent right away. I've added your vote for
  a native integration.
R.en: We don't have a direct {shop} integration at the moment. Most shop owners connect it through
  Zapier: each "New paid order" in {shop} creates an invoice via the Quillbox action "Create
  invoice", authorised with an API token (available on Pro and Business). A native integration is
  on our list, and I've passed your request on.
R.en: No plugin yet, sorry. The workaround that works well is a Zap: {shop} "New paid order" →
  Quillbox "Create invoice", authorised with an API token from Settings → Integrations → API tokens
  (Pro and Business). Set the Zap to create drafts first if you'd like to check them before they go
  out.
R.de: Eine direkte Anbindung an {shop} gibt es noch nicht, Sie können das aber mit Zapier
  automatisieren: Auslöser "New paid order" im Shop, Aktion "Create invoice" bei Quillbox. Dafür
  brauchen Sie einen API-Token aus Einstellungen → Integrationen → API-Tokens (Pro oder Business);
  im Zap legen Sie fest, ob die Rechnungen als Entwurf angelegt oder direkt festgeschrieben und
  versendet werden. Ihren Wunsch nach einer direkten Integration habe ich weitergegeben.
R.de: Ein Plugin für {shop} haben wir derzeit nicht. Die meisten Händler nutzen Zapier: Jede
  bezahlte Bestellung ("New paid order") erzeugt über die Aktion "Create invoice" eine Rechnung in
  Quillbox. Voraussetzung ist ein API-Token aus Einstellungen → Integrationen → API-Tokens, den es
  in Pro und Business gibt.
R.de: Eine direkte Integration steht auf unserer Liste, einen Termin kann ich aber nicht nennen.
  Bis dahin klappt es zuverlässig über Zapier mit dem Auslöser "New paid order" und der
  Quillbox-Aktion "Create invoice"; den nötigen API-Token erstellen Sie in Pro oder Business unter
  Einstellungen → Integrationen → API-Tokens.

== dark-mode | gap | ui | - | 9 | 4 | any
S.en: Dark mode?
S.en: Dark theme for the web app
S.en: App too bright at night
S.de: Dark Mode
S.de: Dunkles Design
S.de: App abends zu hell
Q.en: Is there a dark mode? I do my bookkeeping late in the evening and the white screen is
  killing my eyes.
Q.en: Any plans for a dark theme in the web app? Everything else I use has one by now.
Q.en: The Quillbox app stays bright even though my {device} is set to dark mode. Am I missing a
  setting?
Q.en: Where is the dark mode toggle? Can't find it anywhere in the settings.
Q.en: Does the mobile app support dark mode? Mine always looks white.
Q.en[ext]: I used a browser extension to make Quillbox dark, and now the invoice preview colours
  look weird. Is that a known problem?
Q.de: Gibt es bei Quillbox einen Dark Mode? Ich mache die Buchhaltung meistens abends.
Q.de: Ist ein dunkles Design für die Web-App geplant?
Q.de: Mein {device} ist auf Dark Mode eingestellt, aber die Quillbox-App bleibt hell. Muss ich da
  etwas umstellen?
Q.de: Wo schalte ich den Dark Mode ein? Ich finde in den Einstellungen nichts.
Q.de: Unterstützt die App einen Dunkelmodus? Bei mir ist sie immer weiß.
Q.de[ext]: Mit einer Browser-Erweiterung für dunkle Seiten sieht die Rechnungsvorschau komisch aus.
  Ist das bekannt?
R.en: The mobile app has supported dark mode since version 4.2: it follows your phone's system
  setting automatically, and there's no separate switch in the app, so if yours stays bright,
  please update it. The web app doesn't have a dark mode yet; I've added your vote to the feature
  request.
R.en: Not in the web app yet, sorry. It's a popular request and I've added your vote. The mobile
  app (version 4.2 or newer) already switches to dark automatically when your phone is set to dark
  mode; there's no extra toggle for it.
R.en[ext]: We don't recommend extensions that force dark colours, because they also change the
  colours in the invoice preview, so it no longer matches the PDF your customers receive. A
  built-in dark mode for the web app is on our list; in the mobile app (4.2 or newer) it follows
  your phone's setting automatically.
R.de: In der App gibt es den Dark Mode seit Version 4.2: Sie folgt automatisch der
  Systemeinstellung Ihres Handys, einen eigenen Schalter gibt es nicht. Bleibt sie hell,
  aktualisieren Sie bitte die App. Für die Web-App gibt es noch keinen Dark Mode; Ihren Wunsch habe
  ich an unser Produktteam weitergegeben.
R.de: In der Web-App noch nicht, der Wunsch ist aber notiert, und ich habe Ihre Stimme ergänzt. Die
  mobile App ab Version 4.2 schaltet automatisch auf dunkel, wenn Ihr Handy auf Dark Mode steht;
  einen separaten Schalter braucht es dafür nicht.
R.de[ext]: Erweiterungen, die Seiten dunkel einfärben, verändern auch die Farben in der
  Rechnungsvorschau, sodass sie nicht mehr zum PDF passt. Wir raten deshalb davon ab. Ein
  eingebauter Dark Mode für die Web-App steht auf unserer Liste; in der App ab Version 4.2 folgt das
  Design automatisch der Systemeinstellung.

== multi-currency | gap | invoicing | - | 12 | 6 | any
S.en: Invoice in USD
S.en: Foreign currency invoices
S.en: Invoicing a US client in dollars
S.de: Rechnung in USD
S.de: Rechnung in Fremdwährung
S.de: Rechnung in Dollar
Q.en: I've got a new client in {us_city} who wants to be invoiced in USD. Can Quillbox do that?
Q.en: How do I change the currency on an invoice? Everything is in {home_cur}, but this one needs to
  be {usd_amount}.
Q.en: My US customer pays in dollars. Can I set USD as the default for just that customer?
Q.en[rate]: Which exchange rate does Quillbox use when I invoice in USD? My accountant wants to
  know.
Q.en[rate]: We invoice a Swiss customer in CHF and an American one in USD. Does the VAT still show
  in {home_cur} on the PDF?
Q.en[plan]: Is invoicing in other currencies available on Starter? I can't see a currency option
  anywhere.
Q.de: Ein neuer Kunde aus {us_city} möchte die Rechnung in USD. Geht das mit Quillbox?
Q.de: Wie stelle ich die Währung einer Rechnung um? Der Auftrag über {usd_amount} soll in Dollar
  abgerechnet werden.
Q.de: Kann ich für einen einzelnen Kunden USD als Standardwährung hinterlegen?
Q.de[rate]: Welchen Wechselkurs nimmt Quillbox bei Rechnungen in USD? Unser Steuerberater fragt
  danach.
Q.de[rate]: Muss die Umsatzsteuer bei einer Rechnung in USD trotzdem in Euro ausgewiesen werden? Wie
  macht Quillbox das?
Q.de[plan]: Ich sehe nirgends eine Währungsauswahl. Liegt das am Starter-Tarif?
R.en: Yes, on Pro and Business you can choose the currency per invoice: in the invoice editor click
  More options → Currency and pick USD. If the customer should always be invoiced in dollars, set
  Currency on the customer instead, and new invoices use it automatically. Quillbox converts at the
  ECB reference rate of the invoice date and also prints the VAT total in {home_code}, as
  required.
R.en: You can set that on the customer: open them, set Currency to USD, and all new invoices to them
  are created in dollars (Pro and Business). For a one-off, use More options → Currency in the
  invoice editor. The PDF shows the ECB reference rate of the invoice date and the VAT amount in
  {home_code}.
R.en[rate]: Quillbox uses the ECB reference rate of the invoice date. It's printed on the invoice
  together with the VAT total in {home_code}, and your bookkeeping and VAT reports use the converted
  amount. Foreign currencies are available on Pro and Business via More options → Currency, or as a
  default on the customer.
R.en[plan]: The currency option is part of Pro and Business, which is why you can't see it on
  Starter. After upgrading you'll find it in the invoice editor under More options → Currency, and
  as a Currency field on each customer.
R.de: Ja, in Pro und Business wählen Sie die Währung pro Rechnung: im Rechnungseditor unter Weitere
  Optionen → Währung USD auswählen. Soll ein Kunde immer in Dollar abgerechnet werden, stellen Sie
  die Währung direkt beim Kunden ein. Quillbox rechnet mit dem EZB-Referenzkurs vom Rechnungsdatum
  um und weist die Umsatzsteuer zusätzlich in Euro aus, wie gesetzlich vorgeschrieben.
R.de: Öffnen Sie den Kunden und stellen Sie im Feld Währung USD ein; alle neuen Rechnungen an ihn
  werden dann in Dollar erstellt (Pro und Business). Für einzelne Rechnungen geht es im Editor über
  Weitere Optionen → Währung. Auf dem PDF stehen der EZB-Referenzkurs vom Rechnungsdatum und die
  Umsatzsteuer in Euro.
R.de[rate]: Quillbox verwendet den EZB-Referenzkurs vom Rechnungsdatum. Er wird auf der Rechnung
  angegeben, ebenso die Umsatzsteuer in Euro, und Buchhaltung sowie UStVA arbeiten mit dem
  umgerechneten Betrag. Die Währungsauswahl gibt es in Pro und Business.
R.de[plan]: Die Währungsauswahl gibt es in Pro und Business, deshalb sehen Sie sie im
  Starter-Tarif nicht. Nach dem Upgrade finden Sie sie im Rechnungseditor unter Weitere Optionen →
  Währung und als Feld Währung beim Kunden.

== kleinunternehmer | gap | tax | - | 10 | 8 | DE
S.en: Small business exemption (Kleinunternehmer)
S.en: Invoices without VAT
S.de: Kleinunternehmerregelung
S.de: Rechnung ohne Umsatzsteuer
S.de: Hinweis nach § 19 UStG
Q.en: I'm a Kleinunternehmer under §19 UStG, so I don't charge VAT. How do I set up Quillbox so my
  invoices don't show 19%?
Q.en: Just registered as a freelancer in {city} and chose the Kleinunternehmer rule. What do I need
  to change in Quillbox?
Q.en: My invoices need the sentence saying that no VAT is charged under §19. Do I have to type it on
  every single invoice?
Q.en: Why does Quillbox want me to do VAT pre-returns? I'm exempt as a Kleinunternehmer.
Q.en[leave]: I'll probably go over the Kleinunternehmer limit this year. What happens in Quillbox
  when I switch to normal VAT?
Q.en[einv]: Can I send e-invoices as a Kleinunternehmer who doesn't charge VAT?
Q.de: Ich bin Kleinunternehmer nach § 19 UStG. Wie stelle ich ein, dass auf meinen Rechnungen
  keine Umsatzsteuer ausgewiesen wird?
Q.de: Ich habe mich gerade selbstständig gemacht und nutze die Kleinunternehmerregelung. Was muss
  ich in Quillbox einstellen?
Q.de: Muss ich den Hinweis zur Kleinunternehmerregelung auf jeder Rechnung von Hand eintragen?
Q.de: Meine Rechnungsentwürfe zeigen immer noch 19 % an, obwohl ich die Kleinunternehmerregelung
  nutze. Was mache ich falsch?
Q.de: Warum zeigt mir Quillbox die Umsatzsteuer-Voranmeldung an? Als Kleinunternehmer muss ich die
  doch gar nicht abgeben.
Q.de[leave]: Ich überschreite dieses Jahr wohl die Umsatzgrenze für Kleinunternehmer. Wie stelle
  ich in Quillbox auf Regelbesteuerung um?
Q.de[einv]: Kann ich als Kleinunternehmer auch E-Rechnungen im XRechnung-Format erstellen?
R.en: Go to Taxes → Settings and set Tax status to "Kleinunternehmer (§ 19 UStG)". New invoices
  are then created with 0% VAT, and the note "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
  is printed automatically, so you don't need to type it. Drafts you created earlier need to be
  opened and saved once to pick up the change, and the VAT pre-return section is hidden because you
  don't have to file one.
R.en: Under Taxes → Settings choose the tax status "Kleinunternehmer (§ 19 UStG)". From then on
  Quillbox uses 0% VAT on new invoices, adds the required § 19 note to every invoice and hides the
  UStVA section; existing drafts just need to be opened and saved once. Whether the rule applies to
  you is something to confirm with your tax adviser.
R.en[leave]: Switch the tax status under Taxes → Settings back to standard taxation from the date
  you exceed the limit; invoices created after that get 19% VAT again and the VAT pre-return
  section appears. Invoices you've already finalised stay unchanged. Quillbox also shows a
  dashboard warning when your revenue this year gets close to EUR 100,000.
R.en[einv]: Yes, e-invoices work with the exemption too (they're on Pro and Business). Once your tax
  status is set to "Kleinunternehmer (§ 19 UStG)" under Taxes → Settings, Quillbox adds the
  exemption code and the § 19 note to the XRechnung or ZUGFeRD data automatically.
R.de: Stellen Sie unter Steuern → Einstellungen die Besteuerungsart auf "Kleinunternehmer (§ 19
  UStG)". Neue Rechnungen werden dann mit 0 % erstellt, und der Hinweis "Gemäß § 19 UStG wird keine
  Umsatzsteuer berechnet." wird automatisch gedruckt. Bestehende Entwürfe öffnen und speichern Sie
  einmal, damit sie die Änderung übernehmen; die Umsatzsteuer-Voranmeldung blendet Quillbox aus.
R.de: Unter Steuern → Einstellungen wählen Sie als Besteuerungsart "Kleinunternehmer (§ 19 UStG)".
  Danach setzt Quillbox auf neuen Rechnungen 0 % Umsatzsteuer, druckt den Pflichthinweis nach § 19
  UStG automatisch und blendet die UStVA aus; vorher angelegte Entwürfe müssen Sie einmal öffnen und
  speichern. Ob die Regelung für Sie gilt, klären Sie bitte mit Ihrer Steuerberatung.
R.de[leave]: Stellen Sie die Besteuerungsart unter Steuern → Einstellungen ab dem Tag der
  Überschreitung auf "Regelbesteuerung" um. Alle danach erstellten Rechnungen enthalten wieder 19 %
  Umsatzsteuer, und die Umsatzsteuer-Voranmeldung wird eingeblendet; bereits festgeschriebene
  Rechnungen bleiben unverändert. Quillbox warnt übrigens im Dashboard, wenn Ihr Umsatz im
  laufenden Jahr in die Nähe von 100.000 Euro kommt.
R.de[einv]: Ja, auch als Kleinunternehmer können Sie E-Rechnungen erstellen (in Pro und Business).
  Ist die Besteuerungsart "Kleinunternehmer (§ 19 UStG)" eingestellt, ergänzt Quillbox den
  Befreiungscode und den Hinweis nach § 19 UStG automatisch in den XRechnung- bzw. ZUGFeRD-Daten.

== postal-invoices | gap | invoicing | - | 10 | 5 | any
S.en: Send invoices by post
S.en: Printing invoices
S.en: Paper invoice for a customer without email
S.de: Rechnung per Post verschicken
S.de: Briefversand
S.de: Rechnung ausdrucken
Q.en: A few of my older customers don't use email. Can Quillbox send the invoice by post for me?
Q.en: How much does it cost to have you post an invoice for me? And how quickly does it go out?
Q.en: Is there a way to send invoices by post? A public body insists on a paper copy.
Q.en[print]: I need to post a paper invoice to {client}. What's the best way to print it so the
  address fits a window envelope?
Q.en[status]: I sent an invoice by post through Quillbox on {weekday}, but the customer hasn't
  received it. When was it actually mailed?
Q.en[abroad]: Can you post invoices to customers abroad as well? One of mine is in {foreign_city}.
Q.de: Einige Kunden haben keine E-Mail. Kann Quillbox die Rechnung auch per Post verschicken?
Q.de: Was kostet der Briefversand über Quillbox, und wann geht der Brief raus?
Q.de: Die Stadtverwaltung will die Rechnung unbedingt per Post. Geht das direkt aus Quillbox?
Q.de[print]: Wie drucke ich eine Rechnung so aus, dass die Adresse ins Fenster vom Briefumschlag
  passt? Ich will sie selbst per Post schicken.
Q.de[status]: Ich habe am {weekday} eine Rechnung per Post über Quillbox verschickt, der Kunde hat
  sie aber noch nicht. Wann wurde sie aufgegeben?
Q.de[abroad]: Kann ich Rechnungen auch per Post ins Ausland schicken, zum Beispiel nach
  {foreign_city}?
R.en: Yes: open the invoice, click Send and choose Send by post. We print it and mail it through
  our print partner; a letter of up to 3 sheets costs {post_price_dom} within {home_country}
  ({post_price_abroad} abroad), charged on your next Quillbox invoice. Letters sent before 14:00 on
  a working day go out the same day, and the invoice is marked as sent automatically.
R.en: You can have Quillbox do it: Send → Send by post on the invoice. It costs {post_price_dom}
  per letter of up to 3 sheets within {home_country}, billed with your next subscription invoice,
  and letters submitted before 14:00 on a working day are mailed the same day. Delivery usually
  takes 1 to 3 working days.
R.en[print]: Download the PDF and print it at 100% (no "fit to page"); the address block is placed
  for standard DL window envelopes (DIN 5008), so it fits straight away. Alternatively, Send → Send
  by post has us print and mail it for you for {post_price_dom} per letter.
R.en[status]: Letters submitted before 14:00 on a working day are handed over to the postal service
  the same day, later ones on the next working day; delivery then usually takes 1 to 3 working
  days. You can see when it was handed over in the invoice's Activity panel.
R.en[abroad]: Yes, Send by post works for international addresses too. A letter of up to 3 sheets
  costs {post_price_abroad} abroad instead of {post_price_dom}, and international delivery takes a
  few days longer.
R.de: Ja: Öffnen Sie die Rechnung, klicken Sie auf Senden und wählen Sie "Per Post versenden". Wir
  drucken und verschicken den Brief über unseren Druckpartner; bis zu 3 Blatt kosten innerhalb
  Deutschlands 0,95 €, ins Ausland 1,80 €, abgerechnet mit Ihrer nächsten Quillbox-Rechnung. Was
  werktags vor 14:00 Uhr beauftragt wird, geht noch am selben Tag raus.
R.de: Das geht direkt aus Quillbox mit Senden → Per Post versenden. Pro Brief bis 3 Blatt zahlen
  Sie innerhalb Deutschlands 0,95 €, der Betrag erscheint auf Ihrer nächsten Abo-Rechnung. Briefe,
  die werktags bis 14:00 Uhr beauftragt werden, gehen am selben Tag raus, die Zustellung dauert
  meist 1 bis 3 Werktage.
R.de[print]: Laden Sie das PDF herunter und drucken Sie es in Originalgröße, also ohne "An Seite
  anpassen"; das Adressfeld ist nach DIN 5008 für Fensterumschläge im Format DIN lang positioniert.
  Alternativ übernehmen wir Druck und Versand für 0,95 € pro Brief über Senden → Per Post
  versenden.
R.de[status]: Briefe, die werktags vor 14:00 Uhr beauftragt werden, übergeben wir noch am selben
  Tag an die Post, spätere am nächsten Werktag. Die Zustellung dauert dann meist 1 bis 3 Werktage;
  den Zeitpunkt der Übergabe sehen Sie in der Rechnung unter "Aktivität".
R.de[abroad]: Ja, der Versand per Post funktioniert auch ins Ausland. Ein Brief bis 3 Blatt kostet
  dann 1,80 € statt 0,95 €, und die Zustellung dauert ein paar Tage länger.

== account-action | action | account-action | - | 15 | 7 | any
S.en[double]: Charged twice this month
S.en[double]: Double payment - please refund
S.en[cancelrefund]: Cancel and refund please
S.en[cancelrefund]: Annual renewal - please cancel
S.en[entity]: Move our account to the new company
S.en[restore]: Deleted by mistake - can you restore?
S.en[merge]: Two accounts by accident
S.de[double]: Doppelte Abbuchung
S.de[double]: Abo zweimal bezahlt
S.de[cancelrefund]: Kündigung und Erstattung
S.de[entity]: Umstellung auf neue Firma
S.de[sale]: Firmenverkauf - Vertrag umstellen
S.de[restore]: Versehentlich gelöscht
S.de[merge]: Zwei Konten zusammenführen
Q.en[double]: Looking at our card statement, you took {price_high} twice on {date}. Please refund
  the second payment.
Q.en[double]: We've been charged twice for {month_now}, once by direct debit and once on the card.
  Can you sort this out?
Q.en[cancelrefund]: Our annual plan renewed {days} days ago, but we've closed the business. Please
  cancel and refund the renewal.
Q.en[cancelrefund]: I forgot to cancel before the yearly renewal on {date}. We haven't used
  Quillbox since then. Could you cancel now and refund it?
Q.en[entity]: I've incorporated my sole trader business as {company} Ltd. Can the Quillbox account
  and the subscription move over to the new company?
Q.en[entity]: We've converted to a GmbH. The subscription and your invoices should be in the name of
  {company} GmbH from now on.
Q.en[restore]: I accidentally deleted a draft invoice for {client} with about 30 line items
  yesterday. Is there any way to get it back?
Q.en[restore]: My colleague deleted one of our customers, {client}, including all the contact
  details. Can you restore it from a backup?
Q.en[merge]: I accidentally created a second Quillbox account with my private email. Can you merge
  it into our main one?
Q.de[double]: Sie haben am {date} zweimal {price_high} abgebucht. Bitte erstatten Sie die doppelte
  Zahlung.
Q.de[double]: Diesen Monat wurde das Abo doppelt abgebucht, einmal per Lastschrift und einmal per
  Karte. Bitte korrigieren.
Q.de[cancelrefund]: Unser Jahresabo hat sich vor {days} Tagen verlängert, wir haben aber das
  Gewerbe abgemeldet. Bitte kündigen und den Betrag erstatten.
Q.de[entity]: Aus meinem Einzelunternehmen ist die {company} GmbH geworden. Können Konto und Abo
  auf die GmbH umgestellt werden?
Q.de[sale]: Wir haben die Firma verkauft, der Käufer übernimmt Quillbox. Wie stellen wir den
  Vertrag um? Die Bestätigung des Verkaufs hängt an.
Q.de[restore]: Ich habe gestern versehentlich einen Rechnungsentwurf für {client} gelöscht. Können
  Sie den wiederherstellen?
Q.de[restore]: Eine Kollegin hat den Kunden {client} gelöscht, mit allen Kontaktdaten. Gibt es ein
  Backup?
Q.de[merge]: Ich habe aus Versehen zwei Quillbox-Konten angelegt. Können Sie die zusammenführen?
R.en[double]: I've checked our records, and the subscription was indeed paid twice. I've refunded
  the duplicate payment in full just now; it goes back to the original payment method and should
  show up within 5 to 10 business days. Sorry for the trouble!
R.en[cancelrefund]: Sorry to hear you're closing. Since the renewal was less than 14 days ago and
  nothing has been used since, I've cancelled the subscription with immediate effect and refunded
  the full annual fee to your original payment method (5 to 10 business days). Your data stays
  available read-only for 90 days, so you can still export it.
R.en[entity]: Thanks for sending the register extract and the written confirmation. I've
  transferred the account to the new company: all data stays as it is, and the subscription runs
  under the new entity from the next billing period. Invoices already issued under the old name
  stay unchanged; we recommend starting a new invoice number range for the new company.
R.en[restore]: Good news: it was deleted within the last 30 days, so our engineers could restore it
  from our daily backup. It's back in your account now, and nothing else was changed.
R.en[merge]: I've checked both accounts: the second one was still on the trial and had no invoices,
  so I've closed it. You can keep working in the main account as usual, and if you'd like to log in
  with your private email there, change it under Settings → Profile.
R.de[double]: Sie haben recht, die Zahlung wurde doppelt eingezogen. Ich habe die zweite Abbuchung
  soeben vollständig erstattet; das Geld geht auf dem ursprünglichen Zahlungsweg zurück und ist in
  5 bis 10 Werktagen auf Ihrem Konto. Entschuldigen Sie bitte die Umstände.
R.de[cancelrefund]: Da die Verlängerung weniger als 14 Tage zurückliegt und Quillbox seitdem nicht
  genutzt wurde, habe ich Ihr Abo mit sofortiger Wirkung gekündigt und den Jahresbetrag vollständig
  erstattet. Die Gutschrift erscheint in 5 bis 10 Werktagen; Ihre Daten können Sie noch 90 Tage im
  Lesemodus exportieren.
R.de[entity]: Vielen Dank für den Handelsregisterauszug und Ihre schriftliche Bestätigung. Ich habe
  das Konto auf die GmbH umgestellt: Alle Daten bleiben erhalten, und das Abo läuft ab dem nächsten
  Abrechnungszeitraum auf die neue Gesellschaft. Bereits ausgestellte Rechnungen bleiben
  unverändert; für die GmbH empfehlen wir einen neuen Nummernkreis.
R.de[sale]: Danke für die schriftliche Bestätigung des Verkaufs durch den bisherigen Inhaber und
  den Handelsregisterauszug des Käufers. Ich habe das Konto auf den neuen Vertragspartner
  übertragen; das Abo läuft ab dem nächsten Abrechnungszeitraum auf ihn, und alle Daten bleiben
  erhalten. Bitte legen Sie für das neue Unternehmen einen eigenen Rechnungsnummernkreis an.
R.de[restore]: Die Löschung liegt weniger als 30 Tage zurück, daher konnten wir die Daten aus
  unserer täglichen Sicherung wiederherstellen. Sie sind jetzt wieder in Ihrem Konto, alles andere
  blieb unverändert.
R.de[merge]: Ich habe mir beide Konten angesehen: Im zweiten Konto gab es keine Rechnungen, und es
  lief noch im Testzeitraum, daher habe ich es geschlossen. Sie arbeiten einfach im Hauptkonto
  weiter.
"""

# ---------------------------------------------------------------------------------------------
# Pools for slots, names and message framing
# ---------------------------------------------------------------------------------------------
DE_FEMALE = [
    "Anna",
    "Julia",
    "Katharina",
    "Sabine",
    "Claudia",
    "Laura",
    "Lena",
    "Miriam",
    "Sandra",
    "Stefanie",
    "Petra",
    "Nicole",
    "Franziska",
    "Melanie",
    "Birgit",
    "Hannah",
    "Ute",
    "Carina",
    "Johanna",
    "Silke",
]
DE_MALE = [
    "Lukas",
    "Jonas",
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Markus",
    "Tobias",
    "Florian",
    "Matthias",
    "Jan",
    "Christian",
    "Sebastian",
    "Frank",
    "Jürgen",
    "Dirk",
    "Max",
    "Oliver",
    "Uwe",
    "Henrik",
]
DE_LAST = [
    "Schmidt",
    "Müller",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Maier",
    "Vogel",
    "Friedrich",
    "Günther",
    "Keller",
    "Berger",
    "Roth",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogt",
    "Kuhn",
    "Brandt",
]
EN_FEMALE = [
    "Emma",
    "Olivia",
    "Sophie",
    "Charlotte",
    "Amelia",
    "Jessica",
    "Hannah",
    "Lucy",
    "Rachel",
    "Sarah",
    "Priya",
    "Aisha",
    "Grace",
    "Chloe",
    "Megan",
    "Fiona",
    "Helen",
    "Claire",
    "Zoe",
    "Harriet",
]
EN_MALE = [
    "James",
    "Oliver",
    "Harry",
    "George",
    "Jack",
    "Thomas",
    "William",
    "Daniel",
    "Matthew",
    "Ryan",
    "Liam",
    "Callum",
    "Rohan",
    "Owen",
    "Ben",
    "Samuel",
    "David",
    "Mark",
    "Adam",
    "Chris",
]
EN_LAST = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Lewis",
    "Harris",
    "Martin",
    "Cooper",
    "Hughes",
    "Edwards",
    "Turner",
    "Hill",
    "Ward",
    "Morris",
    "Baker",
    "Murphy",
    "Kelly",
    "Campbell",
    "Mitchell",
    "Price",
    "Bennett",
    "Shaw",
]
AGENTS = {"en": ["Sophie", "Tom", "Priya", "Daniel"], "de": ["Jana", "Lukas", "Miriam", "Felix"]}

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_DE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
}
PRICES = {
    "DE": {"Starter": 9, "Pro": 19, "Business": 39},
    "UK": {"Starter": 8, "Pro": 17, "Business": 34},
}
SEAT_PRICE = {"DE": 6, "UK": 5}
POOLS: dict[str, dict[str, list[str]]] = {
    "client": {
        "DE": [
            "Bäckerei Hoffmann",
            "Schreinerei Wagner",
            "Hartmann & Söhne GmbH",
            "Autohaus Berger",
            "Zahnarztpraxis Lange",
            "Café Sonnenschein",
            "Elektro Krüger",
            "Malerbetrieb Schulz",
            "Kita Regenbogen e.V.",
            "Gasthaus zur Linde",
            "Blumen Keller",
            "Physiotherapie Roth",
        ],
        "UK": [
            "Baker Street Plumbing",
            "Green Leaf Design Ltd",
            "Harbour Café",
            "Northfield Dental",
            "Oakwood Lettings",
            "Riverside Gym",
            "Thames Valley Roofing",
            "Kettle & Crumb Bakery",
            "Brightside Media Ltd",
            "Millbrook Veterinary Practice",
        ],
    },
    "bank": {
        "DE": [
            "Sparkasse Köln Bonn",
            "Berliner Sparkasse",
            "Deutsche Bank",
            "Commerzbank",
            "ING",
            "DKB",
            "N26",
            "Volksbank Mittelhessen",
            "Hamburger Sparkasse",
            "GLS Bank",
        ],
        "UK": ["Barclays", "HSBC", "Lloyds", "NatWest", "Monzo", "Starling", "Santander UK"],
    },
    "accountant": {
        "DE": [
            "Steuerbüro Krause",
            "Kanzlei Berger & Partner",
            "Steuerberatung Hahn",
            "Kanzlei Roth & Kollegen",
        ],
        "UK": ["Patel & Co Accountants", "Hughes Bookkeeping", "Northgate Accountancy"],
    },
    "vendor": {
        "DE": ["Telekom", "Vodafone", "1&1", "Adobe"],
        "UK": ["BT", "Vodafone", "Adobe", "Virgin Media"],
    },
    "city_en": {
        "DE": ["Berlin", "Hamburg", "Munich", "Cologne", "Leipzig", "Freiburg", "Nuremberg"],
        "UK": ["London", "Manchester", "Leeds", "Bristol", "Glasgow", "Brighton", "Norwich"],
    },
    "city_de": {
        "DE": ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Freiburg", "Nürnberg"],
        "UK": ["London", "Manchester", "Leeds", "Bristol", "Glasgow", "Brighton", "Norwich"],
    },
    "trade": {
        "DE": ["Elektro", "Malerbetrieb", "Schreinerei", "Studio", "Gartenbau", "Fotostudio"],
        "UK": ["Plumbing", "Design", "Consulting", "Joinery", "Photography", "Interiors"],
    },
}
LANG_POOLS: dict[str, dict[str, list[str]]] = {
    "product": {
        "en": [
            "consulting hours",
            "website maintenance",
            "cleaning services",
            "garden maintenance",
            "translation work",
            "IT support",
            "bookkeeping services",
            "yoga classes",
        ],
        "de": [
            "Beratungsstunden",
            "Hausmeisterdienste",
            "Webseitenpflege",
            "Gartenpflege",
            "Übersetzungen",
            "IT-Support",
            "Reinigungsleistungen",
            "Nachhilfestunden",
        ],
    },
    "job": {
        "en": ["photographer", "web designer", "electrician", "translator", "copywriter"],
        "de": [
            "Grafikdesign",
            "Übersetzungen",
            "Elektroinstallation",
            "Webentwicklung",
            "Fotografie",
        ],
    },
    "old_tool": {
        "en": ["Excel", "Word templates", "our old accounting software", "Google Sheets"],
        "de": ["Excel", "Word-Vorlagen", "unserer alten Buchhaltungssoftware", "Google Tabellen"],
    },
    "receipt": {
        "en": ["fuel receipt", "Amazon invoice", "train ticket", "restaurant bill"],
        "de": ["Tankbeleg", "Bewirtungsbeleg", "Bahnticket", "Baumarkt-Kassenbon"],
    },
    "shop_product": {
        "en": ["handmade candles", "coffee beans", "vintage prints", "dog treats"],
        "de": ["handgemachte Seifen", "Kaffeebohnen", "Kunstdrucke", "Hundeleckerlis"],
    },
    "foreign_city": {
        "en": ["Vienna", "Zurich", "Paris", "Dublin"],
        "de": ["Wien", "Zürich", "Paris", "Dublin"],
    },
    "business": {
        "en": ["design studio", "plumbing business", "café", "cleaning company", "IT consultancy"],
        "de": [
            "Handwerksbetrieb",
            "Malerbetrieb",
            "Friseursalon",
            "Familienbetrieb",
            "Fahrradladen",
        ],
    },
}
DEVICES = [
    "iPhone 13",
    "iPhone 15",
    "iPhone SE",
    "Pixel 7",
    "Pixel 8",
    "Samsung Galaxy S23",
    "Samsung Galaxy A54",
    "Xiaomi Redmi Note 12",
]
ANDROID_DEVICES = ["Samsung Galaxy S23", "Samsung Galaxy A54", "Xiaomi Redmi Note 12", "Pixel 8"]
EU_COUNTRIES = ["Austria", "the Netherlands", "Ireland", "France", "Belgium"]
US_CITIES = ["New York", "Austin", "Boston", "San Francisco", "Chicago"]
REVENUES = ["180.000 €", "450.000 €", "950.000 €", "1,2 Mio. €"]
OLD_VERSIONS = ["4.6.1", "4.7.2", "4.8.3", "4.9.0"]

GREETINGS = {
    "en": [
        "Hi,",
        "Hello,",
        "Hi there,",
        "Hey,",
        "Good morning,",
        "Dear Quillbox team,",
        "Hello Quillbox support,",
        "",
    ],
    "de": [
        "Hallo,",
        "Guten Tag,",
        "Hallo zusammen,",
        "Moin,",
        "Sehr geehrte Damen und Herren,",
        "Hallo Quillbox-Team,",
        "Guten Morgen,",
        "",
    ],
}
CLOSINGS = {
    "en": [
        "Thanks!",
        "Thanks in advance.",
        "Cheers,\n{first}",
        "Kind regards,\n{full}",
        "Best,\n{first}",
        "Many thanks,\n{full}",
        "Thank you",
        "",
        "Regards,\n{full}\n{company}",
    ],
    "de": [
        "Danke!",
        "Vielen Dank im Voraus.",
        "Viele Grüße\n{full}",
        "Gruß\n{first}",
        "Beste Grüße\n{full}",
        "Mit freundlichen Grüßen\n{full}\n{company}",
        "LG {first}",
        "",
        "Danke und Gruß\n{first}",
    ],
}
CONTEXTS = {
    "en": [
        "We're a small {business} in {city}.",
        "I run a small {business} with {n} employees.",
        "I've been using Quillbox since last year and mostly love it.",
        "Quick question from a fairly new user.",
        "Sorry if this has been asked before.",
        "I do the books for my partner's business.",
    ],
    "de": [
        "Wir sind ein kleiner {business} aus {city}.",
        "Ich nutze Quillbox seit ein paar Monaten.",
        "Ich bin noch ziemlich neu bei Quillbox.",
        "Entschuldigung, falls das eine dumme Frage ist.",
        "Ich kümmere mich bei uns um die Buchhaltung.",
        "Wir haben {n} Mitarbeiter und nutzen Quillbox seit letztem Jahr.",
    ],
}
SIGNOFFS = {
    "en": [
        "Best,\n{agent}",
        "Cheers,\n{agent}",
        "Kind regards,\n{agent} from Quillbox Support",
        "Best wishes,\n{agent}",
    ],
    "de": [
        "Viele Grüße\n{agent}",
        "Beste Grüße\n{agent} vom Quillbox-Support",
        "Freundliche Grüße\n{agent}",
    ],
}
SHORT_CLOSERS = {
    "en": ["Let me know if anything's unclear.", "Hope that helps!"],
    "de": [
        "Melden Sie sich gern, wenn noch etwas unklar ist.",
        "Ich hoffe, das hilft Ihnen weiter.",
    ],
}

# Planted personal data (all fictional or documented test values).
PII_VALUES: dict[str, dict[str, list[str]]] = {
    "phone": {
        "DE": ["+49 30 1234567", "0171 2345678", "+49 89 9876543", "0151 23456789"],
        "UK": ["+44 20 7946 0958", "+44 7700 900123", "+44 161 496 0734"],
    },
    "iban": {
        "DE": ["DE89 3704 0044 0532 0130 00", "DE44 5001 0517 5407 3249 31"],
        "UK": ["GB29 NWBK 6016 1331 9268 19", "GB82 WEST 1234 5698 7654 32"],
    },
    "card": {
        "DE": ["4111 1111 1111 1111", "5555 5555 5555 4444"],
        "UK": ["4111 1111 1111 1111", "5555 5555 5555 4444"],
    },
}
PII_SENTENCES: dict[str, dict[str, list[str]]] = {
    "email": {
        "en": [
            "Please reply to {pii}, I rarely check the other inbox.",
            "My email address is {pii} in case you need it.",
        ],
        "de": [
            "Bitte antworten Sie an {pii}.",
            "Meine E-Mail-Adresse lautet {pii}, falls Sie sie brauchen.",
        ],
    },
    "phone": {
        "en": [
            "You can also call me on {pii}.",
            "Feel free to ring me at {pii} if that's quicker.",
        ],
        "de": ["Sie erreichen mich auch telefonisch unter {pii}.", "Rückruf gern unter {pii}."],
    },
    "iban": {
        "en": [
            "The money was taken from our account {pii}.",
            "Our IBAN is {pii}, in case you need it.",
        ],
        "de": [
            "Abgebucht wurde von unserem Konto {pii}.",
            "Unsere IBAN lautet {pii}, falls Sie die brauchen.",
        ],
    },
    "card": {
        "en": ["The card in question is {pii}.", "I paid with the card {pii}."],
        "de": ["Es geht um die Karte {pii}.", "Bezahlt habe ich mit der Karte {pii}."],
    },
}
# In German emails the text continues in lower case after the salutation ("Hallo Frau X,"),
# except for nouns, names, acronyms and the formal "Sie"/"Ihre".
DE_KEEP_CAPITAL = {
    "Sie",
    "Ihre",
    "Ihr",
    "Ihnen",
    "Ihren",
    "Ihrem",
    "Ihrer",
    "Abgabe",
    "Admins",
    "Belege",
    "Benachrichtigungen",
    "Berater-",
    "Briefe",
    "Business",
    "Einladungen",
    "Entschuldigung",
    "Erweiterungen",
    "Firmenname",
    "Gutschriften",
    "Kassenbons",
    "Kunden",
    "Mahnungen",
    "Quillbox",
    "Single",
    "Starter",
    "Steuerberater",
    "Rechnungen",
    "Tokens",
    "Webhooks",
}


def lower_after_salutation(template: str, filled: str) -> str:
    """Lower-case the first letter of German text that follows a salutation, where correct."""
    first = template.split(" ", 1)[0].rstrip(",:")
    acronym = sum(ch.isupper() for ch in first) > 1
    if first.startswith("{") or first in DE_KEEP_CAPITAL or acronym or not filled[:1].isupper():
        return filled
    return filled[0].lower() + filled[1:]


TYPO_PROTECTED = ("shopify", "woocommerce", "kleinunternehmer", "post", "usd", "dark", "mode")
ACTION_TAGS = {
    "double": "refund",
    "cancelrefund": "cancellation",
    "entity": "legal-entity",
    "sale": "legal-entity",
    "restore": "restore-from-backup",
    "merge": "duplicate-account",
}

# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------
LIST_ITEM = re.compile(r"^(- |\d+\. )")
ENTRY_RE = re.compile(r"^([SQR])\.(en|de)(?:\[([a-z_]+)\])?:\s*(.*)$")
SENTENCE_SPLIT = re.compile(r"(?<=[^0-9][.!?])\s+(?=[A-ZÄÖÜ\"(])")


@dataclass
class Doc:
    """A help-center article or a wiki page."""

    doc_id: str
    lang: str
    created_at: str
    updated_at: str
    title: str
    body: str
    slug: str = ""


@dataclass
class Entry:
    """One subject, question or resolution template."""

    intent: str
    text: str


@dataclass
class Topic:
    """A ticket topic with its templates."""

    slug: str
    kind: str
    category: str
    gold: list[str]
    n: int
    n_de: int
    country: str
    entries: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)

    def get(self, part: str, lang: str) -> list[Entry]:
        """Return the templates of one part (S, Q or R) in one language."""
        return self.entries.get((part, lang), [])


@dataclass
class Customer:
    """The person writing a ticket."""

    first: str
    last: str
    female: bool

    @property
    def full(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


@dataclass
class Ticket:
    """A ticket while it is being built."""

    topic: Topic
    lang: str
    created: datetime
    ticket_id: str = ""
    country: str = "DE"
    q_index: int = -1
    gold_ticket_ids: list[str] = field(default_factory=list)
    pii_kind: str = ""
    record: dict[str, object] = field(default_factory=dict)
    planted: list[str] = field(default_factory=list)


def reflow(text: str) -> str:
    """Join wrapped source lines into Markdown paragraphs and list items."""
    blocks: list[str] = []
    for raw in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = [line.rstrip() for line in raw.split("\n") if line.strip()]
        while lines and lines[0].startswith("#"):
            blocks.append(lines.pop(0).strip())
        if not lines:
            continue
        if lines[0].startswith("|"):
            blocks.append("\n".join(lines))
        elif LIST_ITEM.match(lines[0]):
            items: list[str] = []
            for line in lines:
                if LIST_ITEM.match(line):
                    items.append(line)
                elif line.startswith("  "):
                    items[-1] += " " + line.strip()
                else:
                    raise ValueError(f"list continuation must be indented: {line!r}")
            blocks.append("\n".join(items))
        else:
            for line in lines[1:]:
                if line.startswith(" ") or LIST_ITEM.match(line):
                    raise ValueError(f"unexpected line inside a paragraph: {line!r}")
            blocks.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(blocks)


def parse_docs(src: str, with_slug: bool) -> list[Doc]:
    """Parse the article or wiki source block."""
    docs: list[Doc] = []
    for chunk in src.split("\n@@ ")[1:]:
        header, _, rest = chunk.partition("\n")
        parts = [p.strip() for p in header.split("|")]
        lines = rest.strip("\n").split("\n")
        if not lines[0].startswith("# "):
            raise ValueError(f"{parts[0]}: first line must be '# Title'")
        title = lines[0][2:].strip()
        body = reflow("\n".join(lines[1:]))
        if with_slug:
            doc_id, slug, lang, created, updated = parts
        else:
            doc_id, lang, created, updated = parts
            slug = ""
        docs.append(Doc(doc_id, lang, created, updated, title, body, slug))
    return docs


def parse_topics(src: str) -> list[Topic]:
    """Parse the ticket topic source block."""
    topics: list[Topic] = []
    last: Entry | None = None
    for line in src.split("\n"):
        if not line.strip():
            continue
        if line.startswith("== "):
            slug, kind, category, gold, n, n_de, country = (p.strip() for p in line[3:].split("|"))
            gold_ids = [] if gold == "-" else [g.strip() for g in gold.split(",")]
            topics.append(Topic(slug, kind, category, gold_ids, int(n), int(n_de), country))
            last = None
            continue
        if line.startswith((" ", "\t")):
            if last is None:
                raise ValueError(f"continuation without entry: {line!r}")
            last.text += " " + line.strip()
            continue
        match = ENTRY_RE.match(line)
        if not match or not topics:
            raise ValueError(f"cannot parse topic line: {line!r}")
        part, lang, intent, text = match.groups()
        last = Entry(intent or "", text.strip())
        topics[-1].entries.setdefault((part, lang), []).append(last)
    return topics


def count_sentences(text: str) -> int:
    """Rough sentence count (splits after . ! ? followed by an upper-case start)."""
    return len([s for s in SENTENCE_SPLIT.split(text.strip()) if s.strip()])


# ---------------------------------------------------------------------------------------------
# Slots and formatting
# ---------------------------------------------------------------------------------------------
def iso(moment: datetime) -> str:
    """ISO 8601 timestamp with Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_number(value: float, lang: str, decimals: int = 0) -> str:
    """Format a number with English or German separators."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_money(value: float, lang: str, country: str, decimals: int = 0) -> str:
    """Format an amount in the customer's currency."""
    number = fmt_number(value, lang, decimals)
    if lang == "de":
        return f"{number} {'€' if country == 'DE' else 'GBP'}"
    return f"{'€' if country == 'DE' else '£'}{number}"


def fmt_day(day: date, lang: str) -> str:
    """Format a day without the year, e.g. '3 March' or '3. März'."""
    if lang == "de":
        return f"{day.day}. {MONTHS_DE[day.month - 1]}"
    return f"{day.day} {MONTHS_EN[day.month - 1]}"


def month_name(month: int, lang: str) -> str:
    """Month name in the ticket language."""
    return (MONTHS_DE if lang == "de" else MONTHS_EN)[month - 1]


def make_slots(rng: random.Random, ticket: Ticket, customer: Customer) -> dict[str, str]:
    """Random but consistent slot values for one ticket."""
    lang, country, today = ticket.lang, ticket.country, ticket.created.date()
    prices = PRICES[country]
    plan_low, plan_high = rng.choice(
        [("Starter", "Pro"), ("Pro", "Business"), ("Starter", "Business")]
    )
    days = rng.randint(2, 12)
    past = today - timedelta(days=days)
    prev_month = today.replace(day=1) - timedelta(days=1)
    quarter = (today.month - 1) // 3
    q_num, q_year = (4, today.year - 1) if quarter == 0 else (quarter, today.year)
    q_end = date(q_year, q_num * 3, 31 if q_num in (1, 4) else 30)
    due_month, due_year = q_num * 3 + 2, q_year
    if due_month > 12:
        due_month, due_year = due_month - 12, due_year + 1
    last_no = rng.randint(250, 1800)
    usd = rng.choice([2400, 4800, 7500, 12500])
    city_key = "city_de" if lang == "de" else "city_en"
    names_f = DE_FEMALE if lang == "de" else EN_FEMALE
    names_all = names_f + (DE_MALE if lang == "de" else EN_MALE)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
    slots = {
        "first": customer.first,
        "last": customer.last,
        "full": customer.full,
        "company": (
            f"{rng.choice(POOLS['trade']['DE'])} {customer.last}"
            if country == "DE"
            else f"{customer.last} {rng.choice(POOLS['trade']['UK'])}"
        ),
        "plan_low": plan_low,
        "plan_high": plan_high,
        "price_low": fmt_money(prices[plan_low], lang, country),
        "price_high": fmt_money(prices[plan_high], lang, country),
        "starter_price": fmt_money(prices["Starter"], lang, country),
        "pro_price": fmt_money(prices["Pro"], lang, country),
        "seat_price": fmt_money(SEAT_PRICE[country], lang, country),
        "seat_price_year": fmt_money(SEAT_PRICE[country] * 10, lang, country),
        "fee": fmt_money(5, lang, country),
        "amount": fmt_money(rng.randint(16, 960) * 5, lang, country, 2),
        "vat_low": "7" if country == "DE" else "5",
        "vat_std": "19" if country == "DE" else "20",
        "vat_id": ("DE" if country == "DE" else "GB") + digits,
        "device": rng.choice(DEVICES),
        "android_device": rng.choice(ANDROID_DEVICES),
        "n": str(rng.randint(2, 5)),
        "n2": str(rng.randint(6, 14)),
        "users_n": str(rng.randint(4, 12)),
        "seats_n": str(rng.randint(2, 4)),
        "rows": fmt_number(rng.randint(30, 480) * 10, lang),
        "big_rows": fmt_number(rng.randint(600, 1200) * 10, lang),
        "many": str(rng.randint(60, 180)),
        "size": str(rng.randint(22, 35)),
        "weeks": str(rng.randint(2, 8)),
        "hours": str(rng.randint(2, 20)),
        "days": str(days),
        "date": fmt_day(past, lang),
        "weekday": WEEKDAYS[lang][past.weekday()],
        "time": f"{rng.randint(8, 16)}:{rng.choice(['00', '15', '30', '45'])}",
        "year": str(today.year),
        "prev_year": str(today.year - 1),
        "month": month_name(prev_month.month, lang),
        "month_now": month_name(today.month, lang),
        "quarter": f"{q_num}. Quartal" if lang == "de" else f"Q{q_num}",
        "quarter_end": fmt_day(q_end, lang),
        "vat_deadline": fmt_day(date(due_year, due_month, 7), lang),
        "inv_no": (
            f"RE-{today.year}-{rng.randint(12, 480):04d}"
            if country == "DE"
            else f"INV-{rng.randint(100, 2400):04d}"
        ),
        "last_no": str(last_no),
        "next_no": str(last_no + 1),
        "percent": str(rng.choice([20, 25, 30, 40, 50])),
        "leitweg": f"991-{rng.randint(10000, 99999)}-{rng.randint(10, 99)}",
        "revenue": rng.choice(REVENUES),
        "skr": rng.choice(["SKR03", "SKR04"]),
        "old_version": rng.choice(OLD_VERSIONS),
        "shop": rng.choice(["Shopify", "WooCommerce"]),
        "us_city": rng.choice(US_CITIES),
        "usd_amount": f"{fmt_number(usd, lang)} USD"
        if lang == "de"
        else f"USD {fmt_number(usd, lang)}",
        "home_cur": "euros" if country == "DE" else "pounds",
        "home_code": "EUR" if country == "DE" else "GBP",
        "home_country": "Germany" if country == "DE" else "the UK",
        "post_price_dom": fmt_money(0.95, lang, country, 2),
        "post_price_abroad": fmt_money(1.80, lang, country, 2),
        "eu_country": rng.choice(EU_COUNTRIES),
        "city": rng.choice(POOLS[city_key][country]),
        "city_uk": rng.choice(POOLS[city_key]["UK"]),
        "colleague": rng.choice(names_all),
        "colleague_f": rng.choice(names_f),
        "agent": rng.choice(AGENTS[lang]),
    }
    for key in ("client", "bank", "accountant", "vendor"):
        slots[key] = rng.choice(POOLS[key][country])
    for key, pools in LANG_POOLS.items():
        slots[key] = rng.choice(pools[lang])
    return slots


def fill(template: str, slots: dict[str, str]) -> str:
    """Fill {slots} in a template."""
    return template.format_map(slots)


def add_typo(rng: random.Random, text: str) -> str:
    """Introduce one realistic typo in a longer lower-case word."""
    words = [
        m
        for m in re.finditer(r"\b[a-zäöüß]{6,}\b", text)
        if not any(p in m.group(0) for p in TYPO_PROTECTED)
    ]
    if not words:
        return text
    match = rng.choice(words)
    word = match.group(0)
    i = rng.randint(1, len(word) - 3)
    roll = rng.random()
    if roll < 0.5:
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif roll < 0.8:
        new = word[:i] + word[i + 1 :]
    else:
        new = word[:i] + word[i] + word[i:]
    return text[: match.start()] + new + text[match.end() :]


def email_for(customer: Customer) -> str:
    """Return a fictional email address derived from the customer's name."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    local = f"{customer.first}.{customer.last}".lower().translate(table)
    return f"{local}@example.com"


def ngrams(text: str, size: int) -> set[tuple[str, ...]]:
    """Lower-case word n-grams, used to make sure tickets don't copy the articles."""
    words = re.findall(r"[\wäöüß]+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


# ---------------------------------------------------------------------------------------------
# Building the tickets
# ---------------------------------------------------------------------------------------------
def shift_to_weekday(day: date) -> date:
    """Move weekend days to the nearest weekday inside the ticket year."""
    if day.weekday() == 5:
        friday = day - timedelta(days=1)
        return friday if friday >= YEAR_START else day + timedelta(days=2)
    if day.weekday() == 6:
        monday = day + timedelta(days=1)
        return monday if monday <= YEAR_END else day - timedelta(days=2)
    return day


def schedule(rng: random.Random, topics: list[Topic]) -> list[Ticket]:
    """Spread each topic's tickets over the year and number them in time order."""
    span = (YEAR_END - YEAR_START).days + 1
    tickets: list[Ticket] = []
    for topic in topics:
        langs = ["de"] * topic.n_de + ["en"] * (topic.n - topic.n_de)
        rng.shuffle(langs)
        width = span / topic.n
        for k, lang in enumerate(langs):
            for _draw in range(10):  # redraw weekend days so weekdays stay evenly used
                offset = min(int(k * width + rng.random() * width), span - 1)
                day = YEAR_START + timedelta(days=offset)
                if day.weekday() < 5:
                    break
            day = shift_to_weekday(day)
            moment = datetime(
                day.year,
                day.month,
                day.day,
                rng.randint(8, 17),
                rng.randint(0, 59),
                rng.randint(0, 59),
            )
            tickets.append(Ticket(topic, lang, moment))
    tickets.sort(key=lambda t: (t.created, t.topic.slug))
    for number, ticket in enumerate(tickets, 1):
        ticket.ticket_id = f"T-{number:04d}"
    return tickets


def choose_pii(rng: random.Random, tickets: list[Ticket]) -> None:
    """Mark 20 tickets that get a planted piece of personal data."""
    pay = [t for t in tickets if t.topic.slug == "billing-payment-method"]
    for ticket, kind in zip(rng.sample(pay, 4), ["card", "iban", "card", "iban"], strict=True):
        ticket.pii_kind = kind
    billing = [t for t in tickets if t.topic.category == "billing" and not t.pii_kind]
    for ticket, kind in zip(rng.sample(billing, 3), ["iban", "email", "phone"], strict=True):
        ticket.pii_kind = kind
    actions = [t for t in tickets if t.topic.kind == "action"]
    for ticket in rng.sample(actions, 3):
        ticket.pii_kind = "money"  # IBAN if it is about a charge, else email (see build_tickets)
    rest = [t for t in tickets if not t.pii_kind]
    for i, ticket in enumerate(rng.sample(rest, 10)):
        ticket.pii_kind = "email" if i % 2 == 0 else "phone"


def pick_customer(rng: random.Random, ticket: Ticket, used: set[str]) -> Customer:
    """Pick a realistic, unused customer name matching language and country."""
    if ticket.lang == "de":
        german = True
    elif ticket.country == "DE":
        german = rng.random() < 0.45
    else:
        german = rng.random() < 0.1
    for _ in range(200):
        female = rng.random() < 0.5
        if german:
            first = rng.choice(DE_FEMALE if female else DE_MALE)
            last = rng.choice(DE_LAST)
        else:
            first = rng.choice(EN_FEMALE if female else EN_MALE)
            last = rng.choice(EN_LAST)
        if f"{first} {last}" not in used:
            used.add(f"{first} {last}")
            return Customer(first, last, female)
    raise RuntimeError("ran out of customer names")


def pii_value(rng: random.Random, kind: str, ticket: Ticket, customer: Customer) -> str:
    """Return the exact personal-data string planted into a ticket body."""
    if kind == "email":
        return email_for(customer)
    return rng.choice(PII_VALUES[kind][ticket.country])


def build_tickets(rng: random.Random, tickets: list[Ticket]) -> None:
    """Fill subject, body and resolution of every ticket (in time order)."""
    used_names: set[str] = set()
    q_order: dict[tuple[str, str], list[int]] = {}
    q_next: dict[tuple[str, str], int] = {}
    r_next: dict[tuple[str, str, str], int] = {}
    history: dict[str, list[Ticket]] = {}
    seen_bodies: set[str] = set()
    for ticket in tickets:
        topic, lang = ticket.topic, ticket.lang
        if topic.country in ("DE", "UK"):
            ticket.country = topic.country
        elif lang == "de":
            ticket.country = "DE"
        else:
            ticket.country = "UK" if rng.random() < 0.6 else "DE"
        customer = pick_customer(rng, ticket, used_names)
        questions = topic.get("Q", lang)

        earlier = history.setdefault(topic.slug, [])
        ref: Ticket | None = None
        if earlier and rng.random() < 0.3:
            same_lang = [t for t in earlier if t.lang == lang]
            ref = same_lang[-1] if same_lang else earlier[-1]
            ticket.gold_ticket_ids = [ref.ticket_id]
            others = [t for t in earlier if t is not ref]
            if others and rng.random() < 0.4:
                ticket.gold_ticket_ids.append(others[-1].ticket_id)
            ticket.gold_ticket_ids.sort()
        if ref is not None and ref.lang == lang:
            ticket.q_index = ref.q_index
        else:
            key = (topic.slug, lang)
            if key not in q_order:
                q_order[key] = list(range(len(questions)))
                rng.shuffle(q_order[key])
                q_next[key] = 0
            ticket.q_index = q_order[key][q_next[key] % len(questions)]
            q_next[key] += 1
        question = questions[ticket.q_index]

        for _attempt in range(50):
            slots = make_slots(rng, ticket, customer)
            if "{shop}" not in question.text:
                for shop in ("Shopify", "WooCommerce"):
                    if shop in question.text:
                        slots["shop"] = shop
            core = fill(question.text, slots)
            if rng.random() < 0.15:
                core = add_typo(rng, core)
            parts = []
            lead = question.text
            if rng.random() < 0.3:
                lead = rng.choice(CONTEXTS[lang])
                parts.append(fill(lead, slots))
            parts.append(core)
            planted: list[str] = []
            if ticket.pii_kind:
                kind = ticket.pii_kind
                if kind == "money":  # bank or card data only where the ticket is about a charge
                    kind = "iban" if question.intent in ("double", "cancelrefund") else "email"
                value = pii_value(rng, kind, ticket, customer)
                planted.append(value)
                parts.append(rng.choice(PII_SENTENCES[kind][lang]).format(pii=value))
            greeting = rng.choice(GREETINGS[lang])
            text = " ".join(parts)
            if lang == "de" and greeting and rng.random() < 0.6:
                text = lower_after_salutation(lead, text)
            closing = fill(rng.choice(CLOSINGS[lang]), slots)
            body = "\n\n".join(p for p in (greeting, text, closing) if p)
            if body not in seen_bodies:
                break
        else:
            raise RuntimeError(f"could not make a unique body for {ticket.ticket_id}")
        seen_bodies.add(body)
        ticket.planted = planted

        subjects = [s for s in topic.get("S", lang) if s.intent in ("", question.intent)]
        subject = fill(rng.choice(subjects).text, slots)

        answers = topic.get("R", lang)
        candidates = [r for r in answers if r.intent == question.intent]
        candidates = candidates or [r for r in answers if r.intent == ""]
        r_key = (topic.slug, lang, question.intent)
        if r_key not in r_next:
            r_next[r_key] = rng.randrange(len(candidates))
        answer_template = candidates[r_next[r_key] % len(candidates)].text
        answer = fill(answer_template, slots)
        if lang == "de":
            answer = lower_after_salutation(answer_template, answer)
        r_next[r_key] += 1
        if count_sentences(answer) <= 2 and rng.random() < 0.5:
            answer += " " + rng.choice(SHORT_CLOSERS[lang])
        if lang == "de":
            title = "Frau" if customer.female else "Herr"
            salutation = f"{rng.choice(['Hallo', 'Guten Tag'])} {title} {customer.last},"
        else:
            salutation = f"Hi {customer.first},"
        signoff = fill(rng.choice(SIGNOFFS[lang]), slots)
        resolution = f"{salutation}\n\n{answer}\n\n{signoff}"

        if topic.kind == "action":
            tags = [topic.slug, ACTION_TAGS[question.intent]]
        else:
            tags = [topic.slug, topic.category]
        ticket.record = {
            "id": ticket.ticket_id,
            "subject": subject,
            "body": body,
            "resolution": resolution,
            "created_at": iso(ticket.created),
            "status": "solved",
            "tags": tags,
            "lang": lang,
            "customer_name": customer.full,
            "gold_article_ids": list(topic.gold) if topic.kind == "in" else [],
            "gold_ticket_ids": list(ticket.gold_ticket_ids),
            "in_scope": topic.kind == "in",
        }
        earlier.append(ticket)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------
def validate_sources(articles: list[Doc], wiki: list[Doc], topics: list[Topic]) -> list[str]:
    """Check the hand-written content before any ticket is built."""
    errors: list[str] = []
    article_ids = {a.doc_id for a in articles}
    if not 35 <= len(articles) <= 45:
        errors.append(f"{len(articles)} articles")
    if len(wiki) != 20:
        errors.append(f"{len(wiki)} wiki pages")
    for doc in articles:
        words = len(doc.body.split())
        sections = len(re.findall(r"^## ", doc.body, flags=re.MULTILINE))
        if not 120 <= words <= 400 or not 2 <= sections <= 4:
            errors.append(f"{doc.doc_id}: {words} words, {sections} sections")
    for doc in articles + wiki:
        text = f"{doc.title}\n{doc.body}"
        for pattern in FORBIDDEN_IN_KNOWLEDGE:
            if re.search(pattern, text, flags=re.IGNORECASE):
                errors.append(f"{doc.doc_id} mentions gap term {pattern!r}")
    late = [a for a in articles if a.created_at >= KB_CUTOFF]
    if len(late) != 4 or not all("2026-04" <= a.created_at[:7] <= "2026-07" for a in late):
        errors.append(f"late articles: {[a.doc_id for a in late]}")
    dummy = Ticket(topics[0], "en", datetime(2026, 3, 2, 10, 0, 0), country="DE")
    total = sum(t.n for t in topics)
    if total != TICKET_COUNT:
        errors.append(f"topic sizes add up to {total}")
    if sum(t.n_de for t in topics) < 110:
        errors.append("fewer than 110 German tickets planned")
    for topic in topics:
        if any(g not in article_ids for g in topic.gold):
            errors.append(f"{topic.slug}: unknown gold {topic.gold}")
        for lang in ("en", "de"):
            dummy.lang = lang
            slots = make_slots(random.Random(0), dummy, Customer("Anna", "Schmidt", True))
            questions = topic.get("Q", lang)
            if len(questions) < 6:
                errors.append(f"{topic.slug}/{lang}: only {len(questions)} question templates")
            for part in ("S", "Q", "R"):
                for entry in topic.get(part, lang):
                    try:
                        text = fill(entry.text, slots)
                    except (KeyError, ValueError) as exc:
                        errors.append(f"{topic.slug}/{lang}/{part}: bad slot {exc}")
                        continue
                    limit = {"S": 1, "Q": 3, "R": 4}[part]
                    if part != "S" and count_sentences(text) > limit:
                        errors.append(f"{topic.slug}/{lang}/{part}: >{limit} sentences: {text}")
            for question in questions:
                answers = topic.get("R", lang)
                if not any(r.intent in (question.intent, "") for r in answers):
                    errors.append(f"{topic.slug}/{lang}: no resolution for [{question.intent}]")
                subjects = topic.get("S", lang)
                if not any(s.intent in (question.intent, "") for s in subjects):
                    errors.append(f"{topic.slug}/{lang}: no subject for [{question.intent}]")
    return errors


def validate_tickets(articles: list[Doc], tickets: list[Ticket]) -> list[str]:
    """Check the built tickets against the invariants the demo relies on."""
    errors: list[str] = []
    records = [t.record for t in tickets]
    if len(records) != TICKET_COUNT:
        errors.append(f"{len(records)} tickets")
    if sum(1 for r in records if r["lang"] == "de") < 110:
        errors.append("fewer than 110 German tickets")
    first, last = tickets[0].created, tickets[-1].created
    if (last - first).days < 330:
        errors.append(f"tickets only span {(last - first).days} days")
    knowledge: set[tuple[str, ...]] = set()
    for doc in articles:
        knowledge |= ngrams(doc.body, 8)
    for ticket in tickets:
        if ngrams(str(ticket.record["body"]), 8) & knowledge:
            errors.append(f"{ticket.ticket_id} copies an article sentence")
        for value in ticket.planted:
            if value not in str(ticket.record["body"]):
                errors.append(f"{ticket.ticket_id}: planted value missing")
    for slug, pattern in GAP_KEY_TERMS.items():
        bodies = [str(t.record["body"]) for t in tickets if t.topic.slug == slug]
        if not 8 <= len(bodies) <= 14:
            errors.append(f"gap {slug}: {len(bodies)} tickets")
        if not any(re.search(pattern, b, flags=re.IGNORECASE) for b in bodies):
            errors.append(f"gap {slug}: key term never used in its tickets")
    for doc in articles:
        if doc.created_at < KB_CUTOFF:
            continue
        on_topic = [t.record["created_at"] for t in tickets if doc.doc_id in t.topic.gold]
        if not any(c < doc.created_at for c in on_topic):  # type: ignore[operator]
            errors.append(f"{doc.doc_id}: no ticket before publication")
        if not any(c > doc.created_at for c in on_topic):  # type: ignore[operator]
            errors.append(f"{doc.doc_id}: no ticket after publication")
    return errors


def overlap_report(articles: list[Doc], tickets: list[Ticket]) -> int:
    """Count resolutions that repeat 10 consecutive words of an article (should be rare)."""
    knowledge: set[tuple[str, ...]] = set()
    for doc in articles:
        knowledge |= ngrams(doc.body, 10)
    return sum(1 for t in tickets if ngrams(str(t.record["resolution"]), 10) & knowledge)


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix newlines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def dump_jsonl(rows: list[dict[str, object]]) -> str:
    """One JSON object per line, UTF-8 characters kept readable."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def wiki_markdown(doc: Doc) -> str:
    """Render a wiki page with YAML front matter."""
    front = [
        "---",
        f"id: {doc.doc_id}",
        f"title: {json.dumps(doc.title, ensure_ascii=False)}",
        f"lang: {doc.lang}",
        f'created_at: "{doc.created_at}"',
        f'updated_at: "{doc.updated_at}"',
        f'url: "{WIKI_URL}{doc.slug}"',
        "---",
        "",
    ]
    return "\n".join(front) + f"# {doc.title}\n\n{doc.body}\n"


def readme(articles: list[Doc], wiki: list[Doc], tickets: list[Ticket], topics: list[Topic]) -> str:
    """Render the data folder README, with counts taken from the generated data."""
    records = [t.record for t in tickets]
    n_de_articles = sum(1 for a in articles if a.lang == "de")
    n_de_wiki = sum(1 for w in wiki if w.lang == "de")
    n_de_tickets = sum(1 for r in records if r["lang"] == "de")
    n_in = sum(1 for r in records if r["in_scope"])
    n_gap = sum(1 for t in tickets if t.topic.kind == "gap")
    n_action = sum(1 for t in tickets if t.topic.kind == "action")
    n_pii = sum(1 for t in tickets if t.planted)
    late = [a for a in articles if a.created_at >= KB_CUTOFF]
    gap_lines = "\n".join(
        f"| `{t.slug}` | {GAP_LABELS[t.slug]} | `{GAP_KEY_TERMS[t.slug]}` | "
        f"{sum(1 for x in tickets if x.topic is t)} |"
        for t in topics
        if t.kind == "gap"
    )
    span = f"{str(records[0]['created_at'])[:10]} to {str(records[-1]['created_at'])[:10]}"
    file_rows = "\n".join(
        [
            (
                f"| `articles.jsonl` | {len(articles)} help-center articles "
                f"({n_de_articles} German), keys `id`, `title`, `body` (Markdown), `url`, "
                "`lang`, `created_at`, `updated_at` |"
            ),
            (
                f"| `wiki/*.md` | {len(wiki)} internal wiki pages ({n_de_wiki} German) with YAML "
                "front matter (`id`, `title`, `lang`, `created_at`, `updated_at`, `url`); lines "
                'starting with "Internal:" or "Intern:" are agent-only notes |'
            ),
            (
                f"| `tickets.jsonl` | {len(records)} solved tickets from {span} in time order "
                f"({n_de_tickets} German) |"
            ),
            (
                "| `ground_truth.json` | gold articles per ticket, gap topics, account-action "
                "tickets, late articles and planted personal data |"
            ),
        ]
    )
    late_lines = "\n".join(
        f"- `{a.doc_id}` {a.title} (published {a.created_at[:10]})" for a in late
    )
    return f"""# Quillbox demo data

Bundled demo data for the support copilot. **Quillbox is a fictional company**: a SaaS for
invoicing and bookkeeping for small businesses in Germany and the UK (web app and mobile app).
All people, companies, email addresses, phone numbers and bank details are made up; the IBANs
and card numbers are well-known test values.

Do not edit these files by hand. They are rebuilt deterministically (seed 7, standard library
only) by:

```
python3 scripts/build_demo_data.py
```

## Files

| File | Content |
|---|---|
{file_rows}

Ticket keys: `id`, `subject`, `body`, `resolution`, `created_at`, `status`, `tags` (first tag =
topic slug), `lang`, `customer_name`, `gold_article_ids`, `gold_ticket_ids` (earlier tickets on
the same topic that this one resembles), `in_scope`.

## Counts

- {n_in} in-scope tickets, answered by one help-center article each (`gold_article_ids`).
- {n_gap} knowledge-gap tickets in 5 topics that no article or wiki page covers; their human
  resolutions contain the actual answer, so an article can be drafted from them.
- {n_action} "needs account action" tickets (refunds, cancellations, legal-entity changes,
  restores from backup, duplicate accounts), tag `account-action`.
- {n_pii} tickets with planted personal data (email, phone, IBAN, test card number), listed in
  `ground_truth.json` under `pii_ticket_ids` and `planted_pii`.

## Knowledge gaps

| Slug | Topic | Key term (regex, absent from all articles and wiki pages) | Tickets |
|---|---|---|---|
{gap_lines}

## Articles published mid-year

These four articles appear during the ticket year. Tickets on their topic created before the
publication date were de facto gaps at that time; they still list the article as gold, and
`ground_truth.json` records the dates under `late_articles`.

{late_lines}
"""


def write_outputs(
    articles: list[Doc], wiki: list[Doc], tickets: list[Ticket], topics: list[Topic]
) -> None:
    """Write every file of the data folder."""
    article_rows: list[dict[str, object]] = [
        {
            "id": a.doc_id,
            "title": a.title,
            "body": a.body,
            "url": f"{HELP_URL}{a.doc_id}",
            "lang": a.lang,
            "created_at": a.created_at,
            "updated_at": a.updated_at,
        }
        for a in articles
    ]
    write_text(DATA_DIR / "articles.jsonl", dump_jsonl(article_rows))
    wiki_dir = DATA_DIR / "wiki"
    wiki_dir.mkdir(parents=True, exist_ok=True)
    for old in sorted(wiki_dir.glob("wiki-*.md")):
        old.unlink()
    for doc in wiki:
        write_text(wiki_dir / f"{doc.doc_id}-{doc.slug}.md", wiki_markdown(doc))
    write_text(DATA_DIR / "tickets.jsonl", dump_jsonl([t.record for t in tickets]))

    gap_topics = {
        t.slug: {
            "label": GAP_LABELS[t.slug],
            "ticket_ids": [x.ticket_id for x in tickets if x.topic is t],
        }
        for t in topics
        if t.kind == "gap"
    }
    truth = {
        "gold": {t.ticket_id: t.record["gold_article_ids"] for t in tickets},
        "gap_topics": gap_topics,
        "gap_ticket_ids": [t.ticket_id for t in tickets if t.topic.kind == "gap"],
        "account_action_ticket_ids": [t.ticket_id for t in tickets if t.topic.kind == "action"],
        "late_articles": {a.doc_id: a.created_at for a in articles if a.created_at >= KB_CUTOFF},
        "pii_ticket_ids": [t.ticket_id for t in tickets if t.planted],
        "planted_pii": {t.ticket_id: t.planted for t in tickets if t.planted},
    }
    write_text(
        DATA_DIR / "ground_truth.json", json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
    )
    write_text(DATA_DIR / "README.md", readme(articles, wiki, tickets, topics))


def main() -> None:
    """Build, validate and write the demo data."""
    rng = random.Random(SEED)
    articles = parse_docs(ARTICLES_SRC, with_slug=False)
    wiki = parse_docs(WIKI_SRC, with_slug=True)
    topics = parse_topics(TOPICS_SRC)
    errors = validate_sources(articles, wiki, topics)
    if errors:
        raise SystemExit("content problems:\n" + "\n".join(errors))
    tickets = schedule(rng, topics)
    choose_pii(rng, tickets)
    build_tickets(rng, tickets)
    errors = validate_tickets(articles, tickets)
    if errors:
        raise SystemExit("ticket problems:\n" + "\n".join(errors))
    write_outputs(articles, wiki, tickets, topics)
    n_de = sum(1 for t in tickets if t.lang == "de")
    print(
        f"wrote {len(articles)} articles, {len(wiki)} wiki pages, {len(tickets)} tickets "
        f"({n_de} German) to {DATA_DIR.relative_to(ROOT)}; "
        f"resolutions sharing 10 words with an article: {overlap_report(articles, tickets)}"
    )


if __name__ == "__main__":
    main()
