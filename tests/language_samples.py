"""A short, realistic notice in each of the product's ten languages, for rendering tests.

Each sample is a children's services notice: a summary, the personal data used (with one
special category item), the lawful basis with its explanation, and a team to contact by
e-mail and telephone. Block headings are left empty so that the translated defaults show.
"""

from dataclasses import dataclass

EMAIL = "childrens.services@example.gov.uk"
PHONE = "0161 234 5000"


@dataclass(frozen=True)
class LanguageSample:
    """The words of one notice in one language."""

    code: str
    title: str
    summary: str
    intro: str
    personal: str
    special: str
    outro: str
    basis: str
    condition: str
    contact_text: str
    team: str
    #: Sentences of a right-to-left language quoting left-to-right text: a telephone number,
    #: a legal reference, a web address, a postcode and a version label after a date.
    mixed: str = ""

    def body(self) -> list[tuple[str, dict]]:
        """The notice's StreamField body as ``(block type, value)`` pairs."""
        mixed = f"<p>{self.mixed}</p>" if self.mixed else ""
        return [
            ("summary", {"heading": "", "text": f"<p>{self.summary}</p>{mixed}"}),
            (
                "personal_data",
                {
                    "heading": "",
                    "groups": [
                        {
                            "intro": f"<p>{self.intro}</p>",
                            "categories": [
                                {"description": self.personal, "kind": "personal"},
                                {"description": self.special, "kind": "special_category"},
                            ],
                        }
                    ],
                    "outro": f"<p>{self.outro}</p>",
                },
            ),
            (
                "lawful_basis",
                {
                    "heading": "",
                    "intro": "",
                    "bases": [{"provision": "art6-1-e", "explanation": f"<p>{self.basis}</p>"}],
                    "special_category_intro": "",
                    "special_category_conditions": [
                        {
                            "provision": "art9-2-g",
                            "schedule_1_conditions": [],
                            "explanation": f"<p>{self.condition}</p>",
                        }
                    ],
                    "criminal_offence_intro": "",
                    "criminal_offence_conditions": [],
                    "outro": "",
                },
            ),
            (
                "contacts",
                {
                    "heading": "",
                    "intro": "",
                    "contacts": [
                        (
                            "service",
                            {
                                "heading": "",
                                "text": f"<p>{self.contact_text}</p>",
                                "name": self.team,
                                "email": EMAIL,
                                "phone": PHONE,
                                "address": "",
                                "website": "",
                            },
                        )
                    ],
                },
            ),
        ]


SAMPLES = {
    sample.code: sample
    for sample in [
        LanguageSample(
            code="en",
            title="Children's social care",
            summary="This notice explains how children's social care uses personal "
            "information. We use it to keep children safe and to support families.",
            intro="We use information about children and the people who care for them.",
            personal="Names, addresses and dates of birth",
            special="Physical and mental health",
            outro="We only ask for what we need to help you.",
            basis="The Children Act 1989 gives us a duty to protect children in our area. "
            "We need this information to carry out that duty.",
            condition="We use health information to keep children safe from harm.",
            contact_text="You can ask us about your information at any time. "
            "We will reply within one month.",
            team="Children's services team",
        ),
        LanguageSample(
            code="cy",
            title="Gofal cymdeithasol plant",
            summary="Mae'r hysbysiad hwn yn esbonio sut mae gofal cymdeithasol plant yn "
            "defnyddio gwybodaeth bersonol. Rydym yn ei defnyddio i gadw plant yn ddiogel "
            "ac i gefnogi teuluoedd.",
            intro="Rydym yn defnyddio gwybodaeth am blant a'r bobl sy'n gofalu amdanynt.",
            personal="Enwau, cyfeiriadau a dyddiadau geni",
            special="Iechyd corfforol a meddyliol",
            outro="Dim ond yr hyn sydd ei angen arnom i'ch helpu y byddwn yn ei ofyn.",
            basis="Mae Deddf Plant 1989 yn rhoi dyletswydd arnom i amddiffyn plant yn ein "
            "hardal. Mae angen yr wybodaeth hon arnom i gyflawni'r ddyletswydd honno.",
            condition="Rydym yn defnyddio gwybodaeth iechyd i gadw plant yn ddiogel rhag niwed.",
            contact_text="Gallwch ofyn i ni am eich gwybodaeth ar unrhyw adeg. "
            "Byddwn yn ateb o fewn mis.",
            team="Tîm gwasanaethau plant",
        ),
        LanguageSample(
            code="pl",
            title="Opieka społeczna nad dziećmi",
            summary="Ta informacja wyjaśnia, w jaki sposób opieka społeczna nad dziećmi "
            "wykorzystuje dane osobowe. Wykorzystujemy je, aby chronić dzieci i wspierać "
            "rodziny.",
            intro="Wykorzystujemy informacje o dzieciach i osobach, które się nimi opiekują.",
            personal="Imiona i nazwiska, adresy oraz daty urodzenia",
            special="Zdrowie fizyczne i psychiczne",
            outro="Prosimy tylko o to, czego potrzebujemy, aby Ci pomóc.",
            basis="Ustawa o dzieciach z 1989 roku nakłada na nas obowiązek ochrony dzieci "
            "na naszym terenie. Potrzebujemy tych informacji, aby wypełnić ten obowiązek.",
            condition="Wykorzystujemy informacje o zdrowiu, aby chronić dzieci przed krzywdą.",
            contact_text="W każdej chwili możesz zapytać nas o swoje dane. "
            "Odpowiemy w ciągu miesiąca.",
            team="Zespół usług dla dzieci",
        ),
        LanguageSample(
            code="ro",
            title="Asistența socială pentru copii",
            summary="Această notificare explică modul în care asistența socială pentru copii "
            "folosește informațiile personale. Le folosim pentru a ține copiii în siguranță "
            "și pentru a sprijini familiile.",
            intro="Folosim informații despre copii și despre persoanele care îi îngrijesc.",
            personal="Nume, adrese și date de naștere",
            special="Sănătatea fizică și mintală",
            outro="Cerem doar ceea ce ne trebuie pentru a vă ajuta.",
            basis="Legea copiilor din 1989 ne obligă să protejăm copiii din zona noastră. "
            "Avem nevoie de aceste informații pentru a ne îndeplini această obligație.",
            condition="Folosim informațiile despre sănătate pentru a-i feri pe copii de rău.",
            contact_text="Ne puteți întreba oricând despre informațiile dumneavoastră. "
            "Vă vom răspunde în termen de o lună.",
            team="Echipa serviciilor pentru copii",
        ),
        LanguageSample(
            code="pa",
            title="ਬੱਚਿਆਂ ਦੀ ਸਮਾਜਿਕ ਦੇਖਭਾਲ",
            summary="ਇਹ ਨੋਟਿਸ ਦੱਸਦਾ ਹੈ ਕਿ ਬੱਚਿਆਂ ਦੀ ਸਮਾਜਿਕ ਦੇਖਭਾਲ ਸੇਵਾ ਨਿੱਜੀ ਜਾਣਕਾਰੀ ਦੀ ਵਰਤੋਂ ਕਿਵੇਂ "
            "ਕਰਦੀ ਹੈ। ਅਸੀਂ ਇਸ ਦੀ ਵਰਤੋਂ ਬੱਚਿਆਂ ਨੂੰ ਸੁਰੱਖਿਅਤ ਰੱਖਣ ਅਤੇ ਪਰਿਵਾਰਾਂ ਦੀ ਮਦਦ ਕਰਨ ਲਈ ਕਰਦੇ ਹਾਂ।",
            intro="ਅਸੀਂ ਬੱਚਿਆਂ ਅਤੇ ਉਨ੍ਹਾਂ ਦੀ ਦੇਖਭਾਲ ਕਰਨ ਵਾਲੇ ਲੋਕਾਂ ਬਾਰੇ ਜਾਣਕਾਰੀ ਵਰਤਦੇ ਹਾਂ।",
            personal="ਨਾਮ, ਪਤੇ ਅਤੇ ਜਨਮ ਮਿਤੀਆਂ",
            special="ਸਰੀਰਕ ਅਤੇ ਮਾਨਸਿਕ ਸਿਹਤ",
            outro="ਅਸੀਂ ਸਿਰਫ਼ ਉਹੀ ਮੰਗਦੇ ਹਾਂ ਜਿਸ ਦੀ ਸਾਨੂੰ ਤੁਹਾਡੀ ਮਦਦ ਕਰਨ ਲਈ ਲੋੜ ਹੈ।",
            basis="ਬਾਲ ਕਾਨੂੰਨ 1989 ਸਾਡੇ ਉੱਤੇ ਸਾਡੇ ਇਲਾਕੇ ਦੇ ਬੱਚਿਆਂ ਦੀ ਸੁਰੱਖਿਆ ਦਾ ਫ਼ਰਜ਼ ਪਾਉਂਦਾ ਹੈ। "
            "ਇਹ ਫ਼ਰਜ਼ ਨਿਭਾਉਣ ਲਈ ਸਾਨੂੰ ਇਸ ਜਾਣਕਾਰੀ ਦੀ ਲੋੜ ਹੈ।",
            condition="ਅਸੀਂ ਬੱਚਿਆਂ ਨੂੰ ਨੁਕਸਾਨ ਤੋਂ ਬਚਾਉਣ ਲਈ ਸਿਹਤ ਸੰਬੰਧੀ ਜਾਣਕਾਰੀ ਵਰਤਦੇ ਹਾਂ।",
            contact_text="ਤੁਸੀਂ ਕਿਸੇ ਵੀ ਸਮੇਂ ਸਾਨੂੰ ਆਪਣੀ ਜਾਣਕਾਰੀ ਬਾਰੇ ਪੁੱਛ ਸਕਦੇ ਹੋ। "
            "ਅਸੀਂ ਇੱਕ ਮਹੀਨੇ ਦੇ ਅੰਦਰ ਜਵਾਬ ਦੇਵਾਂਗੇ।",
            team="ਬੱਚਿਆਂ ਦੀਆਂ ਸੇਵਾਵਾਂ ਦੀ ਟੀਮ",
        ),
        LanguageSample(
            code="ur",
            title="بچوں کی سماجی نگہداشت",
            summary="یہ نوٹس بتاتا ہے کہ بچوں کی سماجی نگہداشت کی سروس ذاتی معلومات کیسے "
            "استعمال کرتی ہے۔ ہم انہیں بچوں کو محفوظ رکھنے اور خاندانوں کی مدد کے لیے استعمال "
            "کرتے ہیں۔",
            intro="ہم بچوں اور ان کی دیکھ بھال کرنے والے لوگوں کے بارے میں معلومات "
            "استعمال کرتے ہیں۔",
            personal="نام، پتے اور تاریخ پیدائش",
            special="جسمانی اور ذہنی صحت",
            outro="ہم صرف وہی معلومات مانگتے ہیں جو آپ کی مدد کے لیے ضروری ہوں۔",
            basis="چلڈرن ایکٹ 1989 ہم پر اپنے علاقے کے بچوں کی حفاظت کا فرض عائد کرتا ہے۔ "
            "یہ فرض ادا کرنے کے لیے ہمیں ان معلومات کی ضرورت ہے۔",
            condition="ہم بچوں کو نقصان سے بچانے کے لیے صحت کی معلومات استعمال کرتے ہیں۔",
            contact_text="آپ کسی بھی وقت ہم سے اپنی معلومات کے بارے میں پوچھ سکتے ہیں۔ "
            "ہم ایک مہینے کے اندر جواب دیں گے۔",
            team="بچوں کی خدمات کی ٹیم",
            mixed="آپ انفارمیشن کمشنر کے دفتر کو 0303 123 1113 پر فون کر سکتے ہیں۔ ہم یہ "
            "معلومات UK GDPR Article 6(1)(d) کے تحت استعمال کرتے ہیں۔ مزید معلومات "
            "https://ico.org.uk/for-the-public/ پر دستیاب ہیں۔ ہمارا پتہ Wycliffe House, "
            "Wilmslow SK9 5AF ہے۔ یہ نوٹس نومبر 2021، V3.0 میں شائع ہوا۔",
        ),
        LanguageSample(
            code="ar",
            title="الرعاية الاجتماعية للأطفال",
            summary="يوضح هذا الإشعار كيف تستخدم خدمة الرعاية الاجتماعية للأطفال المعلومات "
            "الشخصية. نستخدمها للحفاظ على سلامة الأطفال ودعم الأسر.",
            intro="نستخدم معلومات عن الأطفال والأشخاص الذين يعتنون بهم.",
            personal="الأسماء والعناوين وتواريخ الميلاد",
            special="الصحة الجسدية والنفسية",
            outro="لا نطلب إلا ما نحتاج إليه لمساعدتك.",
            basis="يفرض علينا قانون الأطفال لعام 1989 واجب حماية الأطفال في منطقتنا. "
            "نحتاج إلى هذه المعلومات للقيام بهذا الواجب.",
            condition="نستخدم المعلومات الصحية لحماية الأطفال من الأذى.",
            contact_text="يمكنك أن تسألنا عن معلوماتك في أي وقت. سنرد عليك خلال شهر واحد.",
            team="فريق خدمات الأطفال",
            mixed="يمكنك الاتصال بمكتب مفوض المعلومات على الرقم 0303 123 1113. نستخدم هذه "
            "المعلومات بموجب UK GDPR Article 6(1)(d). تتوفر معلومات إضافية على "
            "https://ico.org.uk/for-the-public/. عنواننا Wycliffe House, Wilmslow SK9 5AF. "
            "نُشر هذا الإشعار في نوفمبر 2021، V3.0.",
        ),
        LanguageSample(
            code="bn",
            title="শিশুদের সামাজিক পরিচর্যা",
            summary="এই বিজ্ঞপ্তিতে ব্যাখ্যা করা হয়েছে শিশুদের সামাজিক পরিচর্যা পরিষেবা কীভাবে "
            "ব্যক্তিগত তথ্য ব্যবহার করে। আমরা শিশুদের নিরাপদ রাখতে এবং পরিবারগুলোকে সাহায্য "
            "করতে এটি ব্যবহার করি।",
            intro="আমরা শিশুদের এবং যাঁরা তাদের দেখাশোনা করেন তাঁদের সম্পর্কে তথ্য ব্যবহার করি।",
            personal="নাম, ঠিকানা এবং জন্মতারিখ",
            special="শারীরিক ও মানসিক স্বাস্থ্য",
            outro="আপনাকে সাহায্য করার জন্য আমাদের যা প্রয়োজন শুধু সেটুকুই আমরা চাই।",
            basis="শিশু আইন 1989 আমাদের এলাকার শিশুদের সুরক্ষা দেওয়ার দায়িত্ব আমাদের উপর "
            "দিয়েছে। এই দায়িত্ব পালন করতে আমাদের এই তথ্যের প্রয়োজন।",
            condition="শিশুদের ক্ষতি থেকে রক্ষা করতে আমরা স্বাস্থ্য সংক্রান্ত তথ্য ব্যবহার করি।",
            contact_text="আপনি যেকোনো সময় আপনার তথ্য সম্পর্কে আমাদের জিজ্ঞাসা করতে পারেন। "
            "আমরা এক মাসের মধ্যে উত্তর দেব।",
            team="শিশু পরিষেবা দল",
        ),
        LanguageSample(
            code="pt",
            title="Assistência social a crianças",
            summary="Este aviso explica como a assistência social a crianças utiliza "
            "informações pessoais. Utilizamo-las para manter as crianças em segurança e "
            "apoiar as famílias.",
            intro="Utilizamos informações sobre as crianças e as pessoas que cuidam delas.",
            personal="Nomes, moradas e datas de nascimento",
            special="Saúde física e mental",
            outro="Só pedimos aquilo de que precisamos para o ajudar.",
            basis="A Lei das Crianças de 1989 impõe-nos o dever de proteger as crianças da "
            "nossa área. Precisamos destas informações para cumprir esse dever.",
            condition="Utilizamos informações de saúde para proteger as crianças de danos.",
            contact_text="Pode perguntar-nos sobre as suas informações a qualquer momento. "
            "Responderemos no prazo de um mês.",
            team="Equipa dos serviços para crianças",
        ),
        LanguageSample(
            code="zh-hans",
            title="儿童社会关怀",
            summary="本通知说明儿童社会关怀服务如何使用个人信息。我们使用这些信息来保护儿童安全并为家庭提供支持。",
            intro="我们使用有关儿童及其照顾者的信息。",
            personal="姓名、地址和出生日期",
            special="身体和心理健康",
            outro="我们只索取帮助您所需的信息。",
            basis="《1989年儿童法》规定我们有责任保护本地区的儿童。我们需要这些信息来履行这项职责。",
            condition="我们使用健康信息来保护儿童免受伤害。",
            contact_text="您可以随时向我们询问您的信息。我们将在一个月内答复。",
            team="儿童服务团队",
        ),
    ]
}
