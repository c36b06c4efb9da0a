import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const career: Construct = {
  id: 'career',
  pillarId: 'personnel',
  name: { ja: 'キャリア開発', en: 'Career development' },
  description: {
    ja: '65歳までの長い職業生活を見据え、職員が自分のキャリアの見通しを持ち、上司や自己申告を通じて支援を受けられているか。',
    en: 'With working lives now running to 65: whether staff can see a career path and get support for it from supervisors and the self-assessment process.',
  },
  priorities: ['career', 'midcareer'],
  initiatives: ['per-11', 'per-14', 'per-16', 'per-17', 'trn-08'],
  indicator: 'favourable',
  items: [
    likertItem('car.path_visible', {
      ja: 'これからどのような経験を積み、どう成長していけるか、見通しを持てている',
      en: 'I can see what experience I could gain and how I could grow from here.',
    }),
    likertItem('car.supervisor_discusses', {
      ja: '上司は、私の今後のキャリアについて話し合う機会をつくってくれている',
      en: 'My supervisor makes time to talk with me about my future career.',
    }),
    likertItem('car.self_assessment_heard', {
      ja: '自己申告書などを通じて、やりたい仕事や異動の希望を伝える機会がある',
      en: 'Through the self-assessment form and similar channels, I get the chance to say what work or transfers I would like.',
    }),
    // A first posting has had no transfer yet: 該当しない.
    likertItem(
      'car.rotation_helps_growth',
      {
        ja: 'これまでの異動や配置は、自分の成長につながっている',
        en: 'My transfers and postings so far have helped me grow.',
      },
      { notApplicable: true },
    ),
    // Formerly car.keep_growing, which asked the wish to keep growing (intent), not the support for it.
    likertItem('car.growth_supported', {
      ja: '65歳まで働くことを見据えて、知識や能力を高め続けるための支援（研修・配置・助言など）を受けられている',
      en: 'Looking ahead to working until 65, I get support (training, postings, advice) to keep building my knowledge and skills.',
    }),
  ],
};
