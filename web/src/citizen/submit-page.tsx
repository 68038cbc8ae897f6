import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Cascader, Checkbox, Collapse, Form, Input, Modal, Tag, Typography, Upload, type UploadFile } from 'antd';
import { AimOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import { citizenApi, newIdempotencyKey, type CitizenSubmission, type PublicCategory } from './citizen-api.ts';

/** Photos a citizen may attach, and how large each may be (the server checks the content again). */
const MAX_PHOTOS = 5;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const photoTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);
// Some phones hand HEIC photos over without a type; the extension is the hint then.
const photoExtensions = /\.(jpe?g|png|webp|heic|heif)$/i;

interface SubmitForm {
  description: string;
  title?: string;
  category?: string[];
  address?: string;
  name?: string;
  phone?: string;
  idNumber?: string;
  petitionerAddress?: string;
  privacyAccepted?: boolean;
}

// Server field paths → the fields of this form.
const fieldAliases = { 'petitioner.name': 'name', 'petitioner.phone': 'phone', 'petitioner.idNumber': 'idNumber', 'petitioner.address': 'petitionerAddress', categoryId: 'category' };

type CascaderOption = { value: string; label: string; children?: CascaderOption[] };

/** The category tree as picker options, named in the UI language. */
function toOptions(items: PublicCategory[], english: boolean): CascaderOption[] {
  return items.map((c) => ({ value: c.id, label: english && c.nameEn ? c.nameEn : c.name, ...(c.children.length ? { children: toOptions(c.children, english) } : {}) }));
}

/** Leaves out blank strings, so optional fields the citizen skipped are not sent at all. */
function filled(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s ? s : undefined;
}

/** The report form of the phone page: plain questions, photos with preview, privacy notice to accept. */
export function SubmitPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<SubmitForm>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [coords, setCoords] = useState<{ latitude: number; longitude: number } | null>(null);
  const [privacyOpen, setPrivacyOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per fill of the form: a retry after a lost answer, or a double tap, cannot make two reports.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const categories = useQuery({ queryKey: ['public-categories'], queryFn: citizenApi.categories, staleTime: 10 * 60_000 });
  const options = useMemo(() => toOptions(categories.data ?? [], i18n.language === 'en-US'), [categories.data, i18n.language]);

  const checkPhoto = (file: File) => {
    if (photos.length >= MAX_PHOTOS) {
      void message.warning(t('citizen.submit.photoTooMany', { max: MAX_PHOTOS }));
      return Upload.LIST_IGNORE;
    }
    if (!photoTypes.has(file.type) && !photoExtensions.test(file.name)) {
      void message.error(t('citizen.submit.photoNotImage', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      void message.error(t('citizen.submit.photoTooLarge', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    // Kept in the list and sent with the form, not uploaded on its own.
    return false;
  };

  const locate = () => {
    if (!navigator.geolocation) {
      void message.warning(t('citizen.submit.locationFailed'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => setCoords({ latitude: Number(pos.coords.latitude.toFixed(6)), longitude: Number(pos.coords.longitude.toFixed(6)) }),
      () => void message.warning(t('citizen.submit.locationFailed')),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const submit = async (v: SubmitForm) => {
    setBusy(true);
    setError(null);
    const petitioner = { name: filled(v.name), phone: filled(v.phone), idNumber: filled(v.idNumber), address: filled(v.petitionerAddress) };
    const body: CitizenSubmission = {
      description: v.description.trim(),
      title: filled(v.title),
      categoryId: v.category?.at(-1),
      address: filled(v.address),
      ...(coords ?? {}),
      petitioner: Object.values(petitioner).some(Boolean) ? petitioner : undefined,
      privacyAccepted: v.privacyAccepted === true,
    };
    try {
      const receipt = await citizenApi.submit(
        body,
        photos.map((p) => p.originFileObj as File),
        idempotencyKey,
      );
      navigate('/m/result', { state: receipt });
    } catch (err) {
      const left = applyFieldErrors(form, err, fieldAliases);
      const hasFields = err instanceof ApiError && Object.keys(err.fields).length > 0;
      setError(hasFields && left.length === 0 ? null : [err instanceof Error ? err.message : String(err), ...left].join(' '));
    } finally {
      setBusy(false);
    }
  };

  const required = (msg: string) => ({ required: true, whitespace: true, message: msg });

  return (
    <div className="citizen-page" data-testid="citizen-submit">
      <Typography.Title level={3} className="citizen-title">
        {t('citizen.submit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('citizen.submit.intro')}</Typography.Paragraph>
      <Form<SubmitForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit} disabled={busy} scrollToFirstError={{ block: 'center' }}>
        <Form.Item
          name="description"
          label={t('citizen.submit.description')}
          rules={[required(t('citizen.submit.descriptionRequired')), { min: 5, message: t('citizen.submit.descriptionTooShort') }]}
        >
          <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('citizen.submit.descriptionPlaceholder')} data-testid="citizen-description" />
        </Form.Item>
        <Form.Item name="title" label={t('citizen.submit.titleLabel')}>
          <Input maxLength={200} placeholder={t('citizen.submit.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="category" label={t('citizen.submit.category')}>
          <Cascader options={options} changeOnSelect placeholder={t('citizen.submit.categoryPlaceholder')} loading={categories.isPending} data-testid="citizen-category" />
        </Form.Item>
        <Form.Item label={t('citizen.submit.address')} required={false}>
          <Form.Item name="address" noStyle>
            <Input maxLength={300} placeholder={t('citizen.submit.addressPlaceholder')} data-testid="citizen-address" />
          </Form.Item>
          <div className="citizen-location">
            {coords ? (
              <Tag closable color="green" onClose={() => setCoords(null)} closeIcon={<span aria-label={t('citizen.submit.removeLocation')}>×</span>}>
                {t('citizen.submit.locationAdded')}
              </Tag>
            ) : (
              <Button type="link" icon={<AimOutlined />} onClick={locate}>
                {t('citizen.submit.useLocation')}
              </Button>
            )}
          </div>
        </Form.Item>
        <Form.Item label={t('citizen.submit.photos', { max: MAX_PHOTOS })} extra={t('citizen.submit.photosHint')}>
          <Upload
            listType="picture-card"
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
            multiple
            fileList={photos}
            beforeUpload={checkPhoto}
            onChange={({ fileList }) => setPhotos(fileList.slice(0, MAX_PHOTOS))}
            showUploadList={{ showPreviewIcon: false }}
            data-testid="citizen-photos"
          >
            {photos.length < MAX_PHOTOS && (
              <div className="citizen-add-photo">
                <PlusOutlined />
                <div>{t('citizen.submit.addPhoto')}</div>
              </div>
            )}
          </Upload>
        </Form.Item>

        <div className="citizen-section">
          <Typography.Text strong>{t('citizen.submit.contact')}</Typography.Text>
          <Typography.Paragraph type="secondary" className="citizen-section-hint">
            {t('citizen.submit.contactHint')}
          </Typography.Paragraph>
          <Form.Item name="name" label={t('citizen.submit.name')}>
            <Input maxLength={100} placeholder={t('citizen.submit.namePlaceholder')} autoComplete="name" data-testid="citizen-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('citizen.submit.phone')} rules={[{ pattern: /^[0-9+\-() ]{7,40}$/, message: t('citizen.submit.phoneInvalid') }]}>
            <Input maxLength={40} inputMode="tel" autoComplete="tel" placeholder={t('citizen.submit.phonePlaceholder')} data-testid="citizen-phone" />
          </Form.Item>
          <Collapse
            ghost
            items={[
              {
                key: 'more',
                label: t('citizen.submit.more'),
                forceRender: true,
                children: (
                  <>
                    <Form.Item name="idNumber" label={t('citizen.submit.idNumber')}>
                      <Input maxLength={30} placeholder={t('citizen.submit.idNumberPlaceholder')} />
                    </Form.Item>
                    <Form.Item name="petitionerAddress" label={t('citizen.submit.petitionerAddress')}>
                      <Input maxLength={300} autoComplete="street-address" />
                    </Form.Item>
                  </>
                ),
              },
            ]}
          />
        </div>

        <Form.Item
          name="privacyAccepted"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('citizen.submit.privacyRequired')))) }]}
        >
          <Checkbox data-testid="citizen-privacy">
            {t('citizen.submit.privacyAccept')}
            <a
              onClick={(e) => {
                e.preventDefault();
                setPrivacyOpen(true);
              }}
              href="#privacy"
              data-testid="citizen-privacy-link"
            >
              {t('citizen.submit.privacyLink')}
            </a>
          </Checkbox>
        </Form.Item>
        {error && <Alert type="error" showIcon title={t('citizen.submit.failed')} description={error} className="citizen-alert" data-testid="citizen-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} className="citizen-primary" data-testid="citizen-send">
          {busy ? t('citizen.submit.sending') : t('citizen.submit.send')}
        </Button>
      </Form>
      <Modal
        open={privacyOpen}
        title={t('citizen.submit.privacyTitle')}
        onCancel={() => setPrivacyOpen(false)}
        footer={
          <Button type="primary" block onClick={() => setPrivacyOpen(false)}>
            {t('citizen.submit.privacyOk')}
          </Button>
        }
      >
        <Typography.Paragraph>{t('citizen.submit.privacyBody')}</Typography.Paragraph>
      </Modal>
    </div>
  );
}
