/**
 * Replies written by hand for the kinds of issue 32 that the reply reader must read as people
 * write them, in every language where the kind exists. None is in a labelled set, and none
 * was written from one: the reader never learnt from them, so they say whether it generalises.
 * `yes` replies say the writer will come; `no` replies do not (a no, or nothing).
 */
export type ReplyKind =
  | 'stance in a longer reply'
  | 'eagerness and litotes'
  | 'answer to the opening question'
  | 'condition likely met'
  | 'counterfactual obstacle'
  | 'revision within the reply'
  | 'online only'
  | 'groups and offers'
  | 'code-switching';

export interface ReplyKindCase {
  kind: ReplyKind;
  language: string;
  text: string;
  yes: boolean;
}

type Rows = Record<string, Array<[yes: boolean, text: string]>>;

const kind = (k: ReplyKind, rows: Rows): ReplyKindCase[] =>
  Object.entries(rows).flatMap(([language, list]) => list.map(([yes, text]) => ({ kind: k, language, text, yes })));

export const REPLY_KINDS: ReplyKindCase[] = [
  ...kind('stance in a longer reply', {
    en: [
      [
        true,
        "Hi everyone! I run the email side of a small charity in Bristol and we moved to Mautic last spring. Still learning the segments. Anyway, I'll definitely be there. Will there be coffee?",
      ],
      [
        false,
        'Hello all, I manage a few Mautic instances for clients in Leeds. Great to see this starting. I honestly cannot promise anything for the evenings right now. Good luck with the launch!',
      ],
    ],
    de: [
      [
        true,
        'Moin zusammen! Ich betreue bei einer Reederei in Hamburg unsere Newsletter und nutze Mautic seit zwei Jahren. Die Doku ist manchmal mau 😅 Ich komme auf jeden Fall vorbei. Gibt es Parkplätze?',
      ],
      [
        false,
        'Hallo! Ich arbeite als Freelancer in Kassel und setze Mautic für Kunden auf. Schön, dass sich da was tut. Ob ich Zeit habe, kann ich leider noch nicht sagen. Viel Erfolg euch!',
      ],
    ],
    fr: [
      [
        true,
        "Bonjour à tous ! Je gère les campagnes d'une mutuelle à Nantes et on utilise Mautic depuis peu. On galère un peu avec les formulaires. Je serai de la partie, évidemment. Il y aura un vidéoprojecteur ?",
      ],
      [
        false,
        "Salut ! Je fais du marketing pour une PME à Reims. Super idée ce groupe. Par contre je ne sais vraiment pas si j'aurai le temps ce trimestre. Bon courage pour l'organisation !",
      ],
    ],
    es: [
      [
        true,
        'Hola a todos. Trabajo en una agencia pequeña de Valencia y llevamos Mautic para varios clientes. A veces los segmentos nos vuelven locos. Yo voy seguro. ¿Habrá algo de picar?',
      ],
      [
        false,
        'Buenas. Soy consultor en Bilbao y uso Mautic a diario. Me parece genial que se organice algo. De momento no puedo comprometerme a nada. ¡Suerte con el arranque!',
      ],
    ],
    pt: [
      [
        true,
        'Olá pessoal! Trabalho com automação numa escola de línguas em Braga e usamos o Mautic há um ano. Ainda tenho muitas dúvidas com os fluxos. Contem comigo, vou lá estar. Há estacionamento perto?',
      ],
      [
        false,
        'Oi gente, sou dev em Curitiba e mantenho umas instâncias de Mautic para clientes. Que legal essa iniciativa. Ainda não sei se vou conseguir, a agenda está complicada. Boa sorte!',
      ],
    ],
    it: [
      [
        true,
        'Ciao a tutti! Lavoro per un e-commerce di vini a Verona e usiamo Mautic da poco. Le campagne ci danno qualche grattacapo. Io ci sarò di sicuro. Ci sarà anche un po’ di networking?',
      ],
      [
        false,
        'Salve, sono un consulente di Bari e seguo alcuni clienti con Mautic. Bella iniziativa davvero. Per ora non so proprio se riesco a liberarmi. In bocca al lupo!',
      ],
    ],
    nl: [
      [
        true,
        'Hoi allemaal! Ik doe de marketing automation bij een woningcorporatie in Zwolle en we draaien sinds vorig jaar op Mautic. Soms best pittig. Ik ben er zeker bij. Is er ook koffie?',
      ],
      [
        false,
        'Hallo, ik ben freelancer in Breda en bouw Mautic-omgevingen voor klanten. Leuk initiatief. Of ik kan, weet ik echt nog niet. Succes met de opstart!',
      ],
    ],
    pl: [
      [
        true,
        'Cześć wszystkim! Zajmuję się mailingiem w sklepie rowerowym w Gdańsku, Mautica używamy od roku. Czasem segmenty dają w kość. Ja na pewno będę. Będzie jakaś kawa?',
      ],
      [
        false,
        'Dzień dobry, jestem konsultantem z Lublina i wdrażam Mautica u klientów. Super inicjatywa. Na razie nie wiem, czy dam radę się wyrwać. Powodzenia z organizacją!',
      ],
    ],
  }),
  ...kind('eagerness and litotes', {
    en: [
      [true, "Can't wait for this one!"],
      [true, "Wouldn't say no to a Mautic evening in Cork."],
      [true, "No way I'm missing this, I'm up for it."],
    ],
    'en-IN': [[true, 'Arre, I am so in for this! Waiting eagerly.']],
    de: [
      [true, 'Da sag ich nicht nein!'],
      [true, 'Ich freu mich riesig drauf, bin am Start.'],
    ],
    fr: [
      [true, "J'ai trop hâte, je suis chaud !"],
      [true, 'Je dirais pas non à une soirée Mautic.'],
    ],
    es: [
      [true, '¡Me apunto de cabeza, qué ganas!'],
      [true, 'No diría que no a un meetup así.'],
    ],
    pt: [
      [true, 'Tô dentro, não vejo a hora!'],
      [true, 'Não diria que não, bora nessa!'],
    ],
    it: [
      [true, 'Non vedo l’ora, ci sto!'],
      [true, 'Non direi di no a una serata così.'],
    ],
    nl: [
      [true, 'Ik heb er zin in, ik ben van de partij!'],
      [true, 'Daar zeg ik geen nee tegen.'],
    ],
    pl: [
      [true, 'Nie mogę się doczekać, wchodzę w to!'],
      [true, 'Nie odmówię, będę na pewno.'],
    ],
  }),
  ...kind('answer to the opening question', {
    en: [
      [true, 'Yes, me! I work at an agency near the station.'],
      [true, '🙋🏽‍♀️'],
      [true, '> Who would join a meetup in Cork?\n\nMe, definitely.'],
    ],
    de: [
      [true, 'Ja, ich! Arbeite gleich um die Ecke.'],
      [true, '🙋‍♂️'],
    ],
    fr: [
      [true, 'Moi, oui ! Je bosse juste à côté.'],
      [true, '🙋🏻'],
    ],
    es: [
      [true, '¡Yo! Trabajo cerca del centro.'],
      [true, '🙋🏾‍♂️'],
    ],
    pt: [
      [true, 'Eu! Trabalho ali perto.'],
      [true, '✋🏼'],
    ],
    it: [
      [true, 'Io sì! Lavoro proprio lì vicino.'],
      [true, '🙋🏿‍♀️'],
    ],
    nl: [
      [true, 'Ik! Werk er vlakbij.'],
      [true, '🙋'],
    ],
    pl: [
      [true, 'Ja! Pracuję niedaleko.'],
      [true, '🙋🏼‍♂️'],
    ],
  }),
  ...kind('condition likely met', {
    en: [[true, "As long as it's after work, I'll be there."]],
    de: [[true, 'Solange es abends ist, bin ich dabei.']],
    fr: [[true, "Tant que c'est après le boulot, je viens."]],
    es: [[true, 'Mientras sea por la tarde, voy.']],
    pt: [[true, 'Desde que seja depois do trabalho, eu vou.']],
    it: [[true, 'Basta che sia dopo il lavoro, io vengo.']],
    nl: [[true, 'Zolang het na werktijd is, ben ik erbij.']],
    pl: [[true, 'Byle po pracy, to będę.']],
  }),
  ...kind('counterfactual obstacle', {
    en: [[false, "If I lived closer I'd be there."]],
    de: [[false, 'Wenn ich näher wohnen würde, wäre ich dabei.']],
    fr: [[false, "Si j'habitais plus près, je viendrais."]],
    es: [[false, 'Si viviera más cerca, iría.']],
    pt: [[false, 'Se eu morasse mais perto, eu ia.']],
    it: [[false, 'Se abitassi più vicino, verrei.']],
    nl: [[false, 'Als ik dichterbij woonde, zou ik komen.']],
    pl: [[false, 'Gdybym mieszkał bliżej, to bym przyszedł.']],
  }),
  ...kind('revision within the reply', {
    en: [
      [false, "Yes! Hmm, actually that's my exam week, so no."],
      [true, 'I said no earlier, but my shift changed, so put me down after all.'],
    ],
    de: [
      [false, 'Bin dabei! Ach nee, da hab ich ja Prüfungswoche, also doch nicht.'],
      [true, 'Ich hatte abgesagt, aber meine Schicht hat sich geändert, also bin ich doch dabei.'],
    ],
    fr: [
      [false, "Je viens ! Ah non, en fait c'est ma semaine d'examens, donc non."],
      [true, "J'avais dit non, mais mon planning a changé, donc finalement je viens."],
    ],
    es: [
      [false, '¡Voy! Uy, no, esa semana tengo exámenes, así que no.'],
      [true, 'Antes dije que no, pero me cambiaron el turno, así que al final sí voy.'],
    ],
    pt: [
      [false, 'Eu vou! Ah, espera, é a minha semana de provas, então não.'],
      [true, 'Tinha dito que não, mas mudaram o meu turno, então afinal eu vou.'],
    ],
    it: [
      [false, 'Ci sono! Ah no, è la mia settimana di esami, quindi niente.'],
      [true, 'Avevo detto di no, ma mi hanno cambiato il turno, quindi alla fine vengo.'],
    ],
    nl: [
      [false, 'Ik kom! Oh wacht, dan heb ik tentamenweek, dus toch niet.'],
      [true, 'Ik had nee gezegd, maar mijn dienst is veranderd, dus ik kom toch.'],
    ],
    pl: [
      [false, 'Będę! A nie, to mój tydzień egzaminów, więc jednak nie.'],
      [true, 'Wcześniej pisałem, że nie, ale zmienili mi grafik, więc jednak będę.'],
    ],
  }),
  ...kind('online only', {
    en: [[false, "I can't come in person, but I'd join online if you stream it."]],
    de: [[false, 'Vor Ort schaffe ich es nicht, aber per Stream wäre ich dabei.']],
    fr: [[false, 'Je ne pourrai pas venir sur place, mais en visio je serais là.']],
    es: [[false, 'No puedo ir en persona, pero si lo transmiten me conecto.']],
    pt: [[false, 'Presencialmente não consigo, mas se transmitirem eu assisto online.']],
    it: [[false, 'Di persona non riesco, ma se fate lo streaming mi collego.']],
    nl: [[false, 'Fysiek lukt het me niet, maar online doe ik mee.']],
    pl: [[false, 'Na miejscu nie dam rady, ale online chętnie dołączę.']],
  }),
  ...kind('groups and offers', {
    en: [
      [true, 'My colleague and I will both be there.'],
      [true, "Happy to lend our meeting room, and I'd join of course."],
      [false, 'Our agency is happy to pay for the drinks at the first one.'],
      [false, "I'll tell my colleague about it, she uses Mautic every day."],
    ],
    de: [
      [true, 'Mein Kollege und ich kommen beide.'],
      [false, 'Die Getränke beim ersten Treffen übernehmen wir gern.'],
    ],
    fr: [
      [true, 'Ma collègue et moi serons là toutes les deux.'],
      [false, "On peut offrir l'apéro pour la première, envoyez-moi la note."],
    ],
    es: [
      [true, 'Mi compañero y yo vamos los dos.'],
      [false, 'Nuestra empresa invita a las bebidas del primer encuentro.'],
    ],
    pt: [
      [true, 'Eu e a minha colega vamos as duas.'],
      [false, 'A nossa empresa paga as bebidas do primeiro encontro.'],
    ],
    it: [
      [true, 'Io e il mio collega veniamo entrambi.'],
      [false, 'La mia azienda offre l’aperitivo del primo incontro.'],
    ],
    nl: [
      [true, 'Mijn collega en ik komen allebei.'],
      [false, 'Wij betalen graag de drankjes bij de eerste bijeenkomst.'],
    ],
    pl: [
      [true, 'Ja i kolega z pracy będziemy obaj.'],
      [false, 'Nasza firma chętnie zapłaci za napoje na pierwszym spotkaniu.'],
    ],
  }),
  ...kind('code-switching', {
    en: [[true, 'Count me in, ganz sicher! See you there.']],
    'en-IN': [
      [true, 'Haan bhai, main aaunga, count me in.'],
      [false, 'Iss baar nahi ho payega yaar, office mein deadline hai.'],
    ],
    de: [[true, 'Count me in, ich bin auf jeden Fall dabei!']],
    fr: [[true, "I'm in, je serai là sans faute !"]],
    es: [[true, "I'm in, ¡ahí estaré!"]],
    pt: [[true, 'Sounds great, pode contar comigo!']],
    it: [[true, 'Sounds great, ci sarò anch’io!']],
    nl: [[true, 'Sounds good, ik ben erbij!']],
    pl: [[true, 'Sounds great, będę na pewno!']],
  }),
];
