import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import {
  choice,
  connectionName,
  count,
  expression,
  flag,
  HEADER_NAME,
  seconds,
  template,
  VARIABLE_NAME,
} from '../../shared/fields.js';
import { promptSchema } from '../../shared/prompt.js';
import { exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const PAYMENT_OPERATIONS = ['sale', 'sale-tokenize', 'tokenize'] as const;
export const CARD_BRANDS = ['visa', 'mastercard', 'mir', 'amex', 'maestro', 'unionpay', 'jcb', 'discover'] as const;

const headerName = (defaultName: string, label: ReturnType<typeof t>) =>
  z
    .string()
    .regex(HEADER_NAME, 'must be a header name')
    .default(defaultName)
    .meta(ui({ widget: 'text', label }));

/** Header names read when the order comes from SIP headers; defaults follow the call-center convention. */
export const paymentHeaderNamesSchema = z.strictObject({
  operation: headerName('X-Operation', t('Operation', 'Операция', 'Operación')),
  amount: headerName('X-Amount', t('Amount', 'Сумма', 'Importe')),
  currency: headerName('X-Currency', t('Currency', 'Валюта', 'Moneda')),
  orderId: headerName('X-Order-Id', t('Order id', 'Номер заказа', 'Id de pedido')),
  tokenId: headerName('X-Token-Id', t('Token id', 'Id токена', 'Id de token')),
  description: headerName('X-Description', t('Description', 'Описание', 'Descripción')),
  callbackUrl: headerName('X-Callback-Url', t('Callback URL', 'URL для результата', 'URL de resultado')),
});

const stepPrompt = (tts: string, label: ReturnType<typeof t>) =>
  promptSchema.default({ tts }).meta(ui({ widget: 'prompt', label }));

/** One prompt per step and per failure; the defaults are English TTS, meant to be replaced by recorded files. */
export const paymentPromptsSchema = z.strictObject({
  cardNumber: stepPrompt(
    'Please enter your card number, then press hash. To cancel, press star.',
    t('Card number', 'Номер карты', 'Número de tarjeta'),
  ),
  expiry: stepPrompt(
    'Enter the expiry date: two digits for the month, then two for the year.',
    t('Expiry date', 'Срок действия', 'Fecha de caducidad'),
  ),
  securityCode: stepPrompt(
    'Enter the security code from the back of your card.',
    t('Security code', 'Код безопасности', 'Código de seguridad'),
  ),
  invalidNumber: stepPrompt(
    'This card number is not valid.',
    t('Invalid number', 'Неверный номер', 'Número no válido'),
  ),
  expired: stepPrompt('This card has expired.', t('Card expired', 'Срок карты истёк', 'Tarjeta caducada')),
  invalidExpiry: stepPrompt(
    'This date is not valid. Enter the month, then the year, two digits each.',
    t('Invalid date', 'Неверная дата', 'Fecha no válida'),
  ),
  wrongLength: stepPrompt(
    'The number of digits is not right.',
    t('Wrong length', 'Неверная длина', 'Longitud incorrecta'),
  ),
  unsupportedBrand: stepPrompt(
    'This type of card is not accepted.',
    t('Brand not accepted', 'Тип карты не принимается', 'Marca no aceptada'),
  ),
  noinput: stepPrompt('We did not receive your input.', t('No input', 'Нет ввода', 'Sin entrada')),
  processing: stepPrompt('Please wait while we process your payment.', t('Processing', 'Обработка', 'Procesando')),
});

const resultVariable = (label: ReturnType<typeof t>) =>
  z
    .string()
    .regex(VARIABLE_NAME, 'must be the name of a declared variable')
    .optional()
    .meta(ui({ widget: 'variable', label }));

/** Result field -> variable. Never the card number or the security code: there is no field for them. */
export const paymentResultMapSchema = z.strictObject({
  status: resultVariable(t('Status', 'Статус', 'Estado')),
  token: resultVariable(t('Token', 'Токен', 'Token')),
  last4: resultVariable(t('Last four digits', 'Последние 4 цифры', 'Últimos 4 dígitos')),
  brand: resultVariable(t('Card brand', 'Платёжная система', 'Marca de tarjeta')),
  authCode: resultVariable(t('Authorization code', 'Код авторизации', 'Código de autorización')),
  reference: resultVariable(t('Processor reference', 'Номер операции процессинга', 'Referencia del procesador')),
  errorCode: resultVariable(t('Error code', 'Код ошибки', 'Código de error')),
});

export const paymentParams = z.strictObject({
  connection: connectionName('payment'),
  orderSource: choice(
    ['params', 'sip-headers'],
    'params',
    t('Order data from', 'Данные заказа из', 'Datos del pedido de'),
    {
      params: t('These parameters', 'Этих параметров', 'Estos parámetros'),
      'sip-headers': t(
        'Incoming SIP headers (parameters as fallback)',
        'Входящих SIP-заголовков (параметры — запасной вариант)',
        'Cabeceras SIP entrantes (parámetros como respaldo)',
      ),
    },
  ),
  operation: choice(PAYMENT_OPERATIONS, 'sale', t('Operation', 'Операция', 'Operación'), {
    sale: t('Sale', 'Оплата', 'Venta'),
    'sale-tokenize': t('Sale and save the card', 'Оплата с сохранением карты', 'Venta y guardar la tarjeta'),
    tokenize: t(
      'Save the card only (amount 0)',
      'Только сохранить карту (сумма 0)',
      'Solo guardar la tarjeta (importe 0)',
    ),
  }),
  amount: expression('number', t('Amount', 'Сумма', 'Importe')).default('0'),
  currency: template(t('Currency', 'Валюта', 'Moneda'), { placeholder: 'EUR' }, 1).default('USD'),
  orderId: template(t('Order id', 'Номер заказа', 'Id de pedido')).optional(),
  /** The merchant's id for the saved card (customer or account id), sent with the tokenizing operations. */
  tokenId: template(t('Token id', 'Id токена', 'Id de token'), { advanced: true }).optional(),
  description: template(t('Description', 'Описание', 'Descripción')).optional(),
  /** The result is POSTed here (JSON, HMAC-signed, retried until 2xx). */
  callbackUrl: template(t('Result callback URL', 'URL для отправки результата', 'URL para el resultado')).optional(),
  headerNames: paymentHeaderNamesSchema.prefault({}).meta(
    ui({
      widget: 'object',
      label: t('SIP header names', 'Имена SIP-заголовков', 'Nombres de cabeceras SIP'),
      advanced: true,
      visibleWhen: { orderSource: ['sip-headers'] },
    }),
  ),
  /** Adds X-Payment-Status, X-Payment-Token... to the next transfer or switch of this call. */
  resultHeaders: flag(true, t('Result as SIP headers', 'Результат в SIP-заголовках', 'Resultado en cabeceras SIP')),
  acceptedBrands: z
    .array(z.enum(CARD_BRANDS))
    .min(1)
    .default(['visa', 'mastercard', 'mir'])
    .meta(ui({ widget: 'multiselect', label: t('Accepted cards', 'Принимаемые карты', 'Tarjetas aceptadas') })),
  requireSecurityCode: flag(
    true,
    t('Ask for the security code', 'Запрашивать код безопасности', 'Pedir el código de seguridad'),
  ),
  retries: count(3, t('Attempts per step', 'Попыток на шаг', 'Intentos por paso'), { min: 1, max: 10 }),
  timeout: seconds(10, t('Wait for the first digit', 'Ожидание первой цифры', 'Espera del primer dígito'), {
    min: 1,
    max: 60,
  }),
  interDigitTimeout: seconds(5, t('Inter-digit timeout', 'Пауза между цифрами', 'Pausa entre dígitos'), {
    min: 1,
    max: 30,
  }),
  processorTimeout: seconds(
    30,
    t('Processor timeout', 'Тайм-аут процессинга', 'Tiempo del procesador'),
    { min: 1, max: 300 },
    { advanced: true },
  ),
  prompts: paymentPromptsSchema
    .prefault({})
    .meta(ui({ widget: 'object', label: t('Prompts', 'Сообщения', 'Mensajes') })),
  map: paymentResultMapSchema
    .prefault({})
    .meta(ui({ widget: 'object', label: t('Result to variables', 'Результат в переменные', 'Resultado a variables') })),
});
export type PaymentParams = z.infer<typeof paymentParams>;

export const paymentDefinition: ComponentDefinition<PaymentParams> = {
  type: 'payment',
  typeVersion: 1,
  category: 'payments',
  icon: 'credit-card',
  title: t('Card payment', 'Оплата картой', 'Pago con tarjeta'),
  help: t(
    'Collects the card number, expiry and security code by keypad in secure mode (recording masked, nothing logged or traced), checks them, and runs a sale, a sale with tokenization or a tokenization through the payment connection. Star cancels.',
    'Собирает номер карты, срок действия и код безопасности с клавиатуры в защищённом режиме (запись маскируется, ничего не пишется в журналы и трассировку), проверяет их и выполняет оплату, оплату с токенизацией или токенизацию через платёжное подключение. Звёздочка отменяет.',
    'Recoge el número de tarjeta, la caducidad y el código de seguridad por teclado en modo seguro (grabación enmascarada, nada en registros ni trazas), los comprueba y realiza una venta, una venta con tokenización o una tokenización por la conexión de pago. El asterisco cancela.',
  ),
  params: paymentParams,
  exits: [
    exit('approved', 'required'),
    exit('declined', 'required'),
    exit('failed', 'error'),
    exit('cancelled', 'required'),
  ],
  kinds: ALL_KINDS,
  precondition: 'answered',
  expressions: { amount: 'number' },
  variableTargets: Object.keys(paymentResultMapSchema.shape).map((field) => `map.${field}`),
  waits: true,
  sensitive: true,
  implemented: true,
};
